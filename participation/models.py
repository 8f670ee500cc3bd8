"""Import every model module so that metadata (and Alembic) know all tables."""

from participation.accounts.models import AuditLogEntry, ProcessMembership, StaffUser  # noqa: F401
from participation.contributions.models import Contribution, EventNote  # noqa: F401
from participation.ideas.models import (  # noqa: F401
    Board,
    Idea,
    IdeaComment,
    IdeaReport,
    IdeaSupport,
)
from participation.processes.models import (  # noqa: F401
    CrossCuttingTheme,
    District,
    FieldOfAction,
    Municipality,
    Process,
    ProcessPhase,
    TargetGroup,
)
from participation.surveys.models import (  # noqa: F401
    Survey,
    SurveyAccessCode,
    SurveyAnswer,
    SurveyDraft,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)
from participation.workshop.models import (  # noqa: F401
    AnalysisRun,
    Assignment,
    AssignmentTheme,
    Subtopic,
)
