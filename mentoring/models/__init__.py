"""The mentoring domain's models: staff, pairs, consents and the banks, by topic."""

from mentoring.models.banks import (
    ChangeRequest,
    ChangeRequestKind,
    ChangeRequestStatus,
    MenteeCategory,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    TrainingSession,
    WorkMode,
)
from mentoring.models.consents import (
    Consent,
    ConsentKind,
    ConsentQuerySet,
)
from mentoring.models.pairs import (
    Direction,
    MentoringForm,
    Pair,
    PairForm,
    PairStatus,
    ParticipantsForm,
)
from mentoring.models.partners import Partner, PartnerKind
from mentoring.models.staff import (
    Category,
    Education,
    ExternalKind,
    LeavingReason,
    Position,
    StaffImportSettings,
    StaffMember,
    StaffMemberQuerySet,
)

__all__ = [
    "Category",
    "ChangeRequest",
    "ChangeRequestKind",
    "ChangeRequestStatus",
    "Consent",
    "ConsentKind",
    "ConsentQuerySet",
    "Direction",
    "Education",
    "ExternalKind",
    "LeavingReason",
    "MenteeCategory",
    "MenteeProfile",
    "MenteeRequest",
    "MenteeStatus",
    "MentorProfile",
    "MentorStatus",
    "MentoringForm",
    "Pair",
    "PairForm",
    "PairStatus",
    "ParticipantsForm",
    "Partner",
    "PartnerKind",
    "Position",
    "StaffImportSettings",
    "StaffMember",
    "StaffMemberQuerySet",
    "TrainingSession",
    "WorkMode",
]
