"""Models of the roadmap app, by topic: orders, the roadmap and cycles, mentors' agreements."""

from roadmap.models.agreement_endings import AgreementEnding, EndingKind
from roadmap.models.agreements import AgreementPay, AgreementStatus, MentorAgreement
from roadmap.models.cooperation import (
    CooperationAgreement,
    CooperationKind,
    CooperationStatus,
    JointEvent,
    JointEventFormat,
)
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
    "AgreementEnding",
    "AgreementPay",
    "AgreementStatus",
    "CooperationAgreement",
    "CooperationKind",
    "CooperationStatus",
    "CouncilDecision",
    "CouncilMeeting",
    "CouncilPosition",
    "CouncilSeat",
    "Cycle",
    "EndingKind",
    "FrozenOrderError",
    "JointEvent",
    "JointEventFormat",
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
