"""Import every model module so that metadata (and Alembic) know all tables."""

from participation.accounts.models import AuditLogEntry, ProcessMembership, StaffUser  # noqa: F401
from participation.contributions.models import Contribution, EventNote  # noqa: F401
from participation.processes.models import (  # noqa: F401
    CrossCuttingTheme,
    District,
    FieldOfAction,
    Municipality,
    Process,
    ProcessPhase,
    TargetGroup,
)
from participation.workshop.models import (  # noqa: F401
    AnalysisRun,
    Assignment,
    AssignmentTheme,
    Subtopic,
)
