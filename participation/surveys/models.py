"""Surveys: sections, questions and options; responses with their answers; drafts; access codes."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import enum_type, utcnow
from participation.extensions import db
from participation.i18n import _l
from participation.multilingual.models import TranslatableMixin
from participation.processes.models import District, FieldOfAction, Process, TargetGroup


class SurveyState(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def title(self) -> str:
        return str(STATE_TITLES[self])


STATE_TITLES = {
    SurveyState.DRAFT: _l("Entwurf"),
    SurveyState.OPEN: _l("Offen"),
    SurveyState.CLOSED: _l("Geschlossen"),
}


class AccessMode(enum.StrEnum):
    OPEN = "open"  # anyone with the link
    CODES = "codes"  # one-time access codes

    @property
    def title(self) -> str:
        return str(ACCESS_TITLES[self])


ACCESS_TITLES = {
    AccessMode.OPEN: _l("Offen für alle mit dem Link"),
    AccessMode.CODES: _l("Nur mit Zugangscode (einmal verwendbar)"),
}


class QuestionType(enum.StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    SCALE = "scale"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    RANKING = "ranking"
    MATRIX = "matrix"
    DISTRICT = "district"

    @property
    def title(self) -> str:
        return str(QUESTION_TYPE_TITLES[self])

    @property
    def has_options(self) -> bool:
        """Whether the lead edits a list of options (for a matrix: the statements)."""
        return self in {
            QuestionType.SINGLE_CHOICE,
            QuestionType.MULTIPLE_CHOICE,
            QuestionType.RANKING,
            QuestionType.MATRIX,
        }

    @property
    def has_scale(self) -> bool:
        return self in {QuestionType.SCALE, QuestionType.MATRIX}

    @property
    def is_text(self) -> bool:
        return self in {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}


QUESTION_TYPE_TITLES = {
    QuestionType.SINGLE_CHOICE: _l("Einfachauswahl"),
    QuestionType.MULTIPLE_CHOICE: _l("Mehrfachauswahl"),
    QuestionType.YES_NO: _l("Ja/Nein"),
    QuestionType.SCALE: _l("Bewertungsskala"),
    QuestionType.NUMBER: _l("Zahl"),
    QuestionType.SHORT_TEXT: _l("Kurzer Text"),
    QuestionType.LONG_TEXT: _l("Langer Text"),
    QuestionType.RANKING: _l("Rangfolge"),
    QuestionType.MATRIX: _l("Matrix (Aussagen auf einer Skala)"),
    QuestionType.DISTRICT: _l("Stadtteil / Gemeinde"),
}


class ResponseChannel(enum.StrEnum):
    ONLINE = "online"
    PAPER = "paper"

    @property
    def title(self) -> str:
        return str(CHANNEL_TITLES[self])


CHANNEL_TITLES = {ResponseChannel.ONLINE: _l("Online"), ResponseChannel.PAPER: _l("Papier")}


question_field_of_action = Table(
    "survey_question_field",
    db.metadata,
    Column(
        "question_id",
        ForeignKey("survey_question.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "field_of_action_id",
        ForeignKey("field_of_action.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


def new_structure_token() -> str:
    """A fresh random token: the survey's pages, questions or options have changed."""
    return secrets.token_hex(8)


class Survey(TranslatableMixin, db.Model):
    """A questionnaire for one target group of a process."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("process.id", ondelete="CASCADE"), index=True
    )
    target_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("target_group.id", ondelete="SET NULL"), nullable=True
    )
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    thanks_text: Mapped[str] = mapped_column(Text, default="")
    # Where a survey asks for personal data, participants must agree to this text first.
    consent_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    state: Mapped[SurveyState] = mapped_column(enum_type(SurveyState), default=SurveyState.DRAFT)
    access_mode: Mapped[AccessMode] = mapped_column(enum_type(AccessMode), default=AccessMode.OPEN)
    opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Replaced with a new random value whenever the survey, a page, a question or an option
    # changes (see participation.surveys.structure), so that every worker knows when its cached
    # copy of the questionnaire is out of date.
    structure_token: Mapped[str] = mapped_column(
        String(32), default=new_structure_token, server_default=""
    )

    process: Mapped[Process] = relationship()
    target_group: Mapped[TargetGroup | None] = relationship()
    sections: Mapped[list[SurveySection]] = relationship(
        back_populates="survey",
        order_by="SurveySection.position",
        cascade="all, delete-orphan",
    )
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="survey",
        cascade="all, delete-orphan",
    )

    def ordered_questions(self) -> list[SurveyQuestion]:
        """Return every question in page order."""
        return [q for section in self.sections for q in section.questions]

    def question_by_id(self, question_id: int) -> SurveyQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def section_by_id(self, section_id: int) -> SurveySection | None:
        return next((s for s in self.sections if s.id == section_id), None)


class _Conditional:
    """Shown only when an earlier question's answer matches `condition_value`.

    For choice questions the value is an option id; for yes/no "yes" or "no"; for scales
    and districts the chosen number or district id.
    """

    condition_value: Mapped[str] = mapped_column(String(40), default="")


class SurveySection(TranslatableMixin, _Conditional, db.Model):
    """One page of a survey."""

    __tablename__ = "survey_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # No foreign key (it would make a cycle with survey_question.section_id);
    # delete_question clears conditions that point to a deleted question.
    condition_question_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    survey: Mapped[Survey] = relationship(back_populates="sections")
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="section",
        order_by="SurveyQuestion.position",
        foreign_keys="SurveyQuestion.section_id",
    )


class SurveyQuestion(TranslatableMixin, _Conditional, db.Model):
    __tablename__ = "survey_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("survey_section.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    type: Mapped[QuestionType] = mapped_column(enum_type(QuestionType))
    text: Mapped[str] = mapped_column(Text)
    help_text: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_other: Mapped[bool] = mapped_column(Boolean, default=False)
    scale_min: Mapped[int] = mapped_column(Integer, default=1)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    scale_labels: Mapped[list] = mapped_column(JSON, default=list)
    number_min: Mapped[float | None] = mapped_column(Float, nullable=True)
    number_max: Mapped[float | None] = mapped_column(Float, nullable=True)
    condition_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_question.id", ondelete="SET NULL"), nullable=True
    )

    survey: Mapped[Survey] = relationship(back_populates="questions")
    section: Mapped[SurveySection] = relationship(
        back_populates="questions", foreign_keys=[section_id]
    )
    options: Mapped[list[SurveyOption]] = relationship(
        back_populates="question", order_by="SurveyOption.position", cascade="all, delete-orphan"
    )
    fields_of_action: Mapped[list[FieldOfAction]] = relationship(
        secondary=question_field_of_action, order_by="FieldOfAction.position"
    )

    def scale_points(self) -> list[tuple[int, str]]:
        """Return (value, label) for each point of the scale; label may be empty."""
        labels = list(self.scale_labels or [])
        points = range(self.scale_min, self.scale_max + 1)
        return [(v, labels[i] if i < len(labels) else "") for i, v in enumerate(points)]

    def option_by_id(self, option_id) -> SurveyOption | None:
        return next((o for o in self.options if o.id == option_id), None)


class SurveyOption(TranslatableMixin, db.Model):
    """A choice of a choice or ranking question, or a statement (row) of a matrix."""

    __tablename__ = "survey_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(500))

    question: Mapped[SurveyQuestion] = relationship(back_populates="options")


class SurveyResponse(db.Model):
    """One completed questionnaire; anonymous (no name, no IP, no link to an access code)."""

    __tablename__ = "survey_response"
    __table_args__ = (Index("ix_survey_response_survey_submitted", "survey_id", "submitted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    channel: Mapped[ResponseChannel] = mapped_column(
        enum_type(ResponseChannel), default=ResponseChannel.ONLINE
    )
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), nullable=True
    )
    # Idempotency: a draft (or paper form) can be submitted once; a second submit finds this.
    submission_token: Mapped[str] = mapped_column(String(64), unique=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    survey: Mapped[Survey] = relationship()
    district: Mapped[District | None] = relationship()
    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class SurveyAnswer(db.Model):
    """One stored value of a response.

    single/multiple choice: a row per chosen option (the "other" text: option_id NULL,
    is_other); yes/no, scale, number: value_number; texts: value_text; ranking: a row per
    option with its rank in value_number; matrix: a row per statement with its point.
    """

    __tablename__ = "survey_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), index=True
    )
    option_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_option.id", ondelete="CASCADE"), nullable=True
    )
    value_number: Mapped[float | None] = mapped_column(Float, nullable=True)
    value_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    is_other: Mapped[bool] = mapped_column(Boolean, default=False)

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")


class SurveyDraft(db.Model):
    """Answers given so far, kept on the server under a random token (cookie) or resume code."""

    __tablename__ = "survey_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    submission_token: Mapped[str] = mapped_column(String(64), unique=True)
    resume_code: Mapped[str | None] = mapped_column(String(16), unique=True, nullable=True)
    access_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_access_code.id", ondelete="SET NULL"), nullable=True
    )
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SurveyAccessCode(db.Model):
    """A one-time code; spent by the first completed response, never tied to a person."""

    __tablename__ = "survey_access_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    batch_label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    spent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
