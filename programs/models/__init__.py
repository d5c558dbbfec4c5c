"""Personalized mentoring programs: the note, the event plan, meetings, changes and the case.

One module per topic; callers import from ``programs.models`` as from any app's models.
"""

from programs.models.activity import (  # noqa: F401
    Activity,
    ActivityKind,
    ActivityLevel,
    ActivityStatus,
)
from programs.models.case import STAGES, Case  # noqa: F401
from programs.models.changes import (  # noqa: F401
    AgreementKind,
    ChangeKind,
    ChangeStatus,
    ProgramAgreement,
    ProgramChange,
)
from programs.models.council import ProgramCouncilDecision  # noqa: F401
from programs.models.plan import (  # noqa: F401
    CalendarToken,
    Meeting,
    MeetingFormat,
    PlanRow,
    RowStatus,
    evidence_path,
)
from programs.models.program import (  # noqa: F401
    NOTE_FIELDS,
    EndReason,
    NoteFields,
    Program,
    ProgramStatus,
    ProgramTemplate,
    TemplateRow,
    WorkMode,
)
