"""Models of the roadmap app, by topic: orders, the roadmap and cycles, mentors' agreements."""

from roadmap.models.agreements import AgreementPay, AgreementStatus, MentorAgreement
from roadmap.models.council import (
    CouncilDecision,
    CouncilMeeting,
    CouncilPosition,
    CouncilSeat,
    MeetingStatus,
)
from roadmap.models.orders import (
    MAIN_JOURNAL,
    FrozenOrderError,
    Order,
    OrderFile,
    OrderJournalCounter,
    OrderKind,
    OrderPerson,
    OrderQuerySet,
    OrderStatus,
    OrderSubject,
)
from roadmap.models.roadmap import (
    Cycle,
    NormativeDocument,
    RoadmapEvent,
    RoadmapStageRow,
    RoadmapVersion,
    RoadmapVersionStatus,
)

__all__ = [
    "MAIN_JOURNAL",
    "AgreementPay",
    "AgreementStatus",
    "CouncilDecision",
    "CouncilMeeting",
    "CouncilPosition",
    "CouncilSeat",
    "Cycle",
    "FrozenOrderError",
    "MentorAgreement",
    "MeetingStatus",
    "NormativeDocument",
    "Order",
    "OrderFile",
    "OrderJournalCounter",
    "OrderKind",
    "OrderPerson",
    "OrderQuerySet",
    "OrderStatus",
    "OrderSubject",
    "RoadmapEvent",
    "RoadmapStageRow",
    "RoadmapVersion",
    "RoadmapVersionStatus",
]
