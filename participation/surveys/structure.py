"""A per-worker cache of published questionnaires (survey, pages, questions, options).

Every participant request needs the whole questionnaire: loading it costs four queries and the
building of about a hundred objects, which was most of the time of a survey page. Each worker
therefore keeps a detached copy per survey and merges it into the request's session without
SQL; one small query per request compares the survey's `structure_token` with the copy's.

The token is replaced by a new random value in the same transaction as any change of the survey,
a page, a question or an option (a flush listener), so a copy is never used after the change is
committed, in any worker. Random tokens rather than counters: a survey id reused after a database
reset (tests, a restored backup) can never match an old copy.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from itertools import chain

from flask import current_app
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, selectinload

from participation.extensions import db
from participation.surveys.models import (
    Survey,
    SurveyOption,
    SurveyQuestion,
    SurveySection,
    new_structure_token,
)

CACHE_SIZE = 64
_EXTENSION = "survey_structures"
_STRUCTURE = (Survey, SurveySection, SurveyQuestion, SurveyOption)
_lock = threading.Lock()


def structure_query():
    """The survey with its pages, questions and options, loaded in four queries."""
    return select(Survey).options(
        selectinload(Survey.sections)
        .selectinload(SurveySection.questions)
        .selectinload(SurveyQuestion.options),
    )


# --- invalidation ---------------------------------------------------------------------------------


def _survey_id_of(session: Session, item) -> int | None:
    """The id of the survey an item belongs to, without lazy loads; None if unknown."""
    if isinstance(item, Survey):
        return item.id
    if isinstance(item, (SurveySection, SurveyQuestion)):
        return item.survey_id
    question = item.__dict__.get("question")
    if question is not None and question.survey_id is not None:
        return question.survey_id
    if item.question_id is None:
        return None
    return session.connection().scalar(
        select(SurveyQuestion.survey_id).where(SurveyQuestion.id == item.question_id)
    )


@event.listens_for(Session, "after_flush")
def _renew_tokens(session: Session, _flush_context) -> None:
    """Give every survey whose structure this flush changed a new token (same transaction)."""
    survey_ids: set[int] = set()
    unknown = False
    changed = (i for i in session.dirty if isinstance(i, _STRUCTURE) and session.is_modified(i))
    for item in chain(session.new, changed, session.deleted):
        if not isinstance(item, _STRUCTURE):
            continue
        survey_id = _survey_id_of(session, item)
        if survey_id is None:
            unknown = True
        else:
            survey_ids.add(survey_id)
    if not survey_ids and not unknown:
        return
    table = Survey.__table__
    statement = update(table).values(structure_token=new_structure_token())
    if not unknown:  # an item whose survey cannot be told: every copy is renewed
        statement = statement.where(table.c.id.in_(sorted(survey_ids)))
    session.connection().execute(statement)


# --- the cache ------------------------------------------------------------------------------------


def _cache() -> OrderedDict:
    return current_app.extensions.setdefault(_EXTENSION, OrderedDict())


def _load_copy(survey_id: int) -> Survey | None:
    """Load the questionnaire in a session of its own and return it detached."""
    with Session(db.engine) as own:
        survey = own.scalar(structure_query().where(Survey.id == survey_id))
        own.expunge_all()
    return survey


def cached_survey(process_id: int, survey_id: int) -> Survey | None:
    """Return the process's survey with pages, questions and options, bound to the request's
    session, from this worker's copy when it is current; None if there is no such survey."""
    token = db.session.scalar(
        select(Survey.structure_token).where(
            Survey.id == survey_id, Survey.process_id == process_id
        )
    )
    if token is None:
        return None
    cache = _cache()
    entry = cache.get(survey_id)
    if entry is None or entry[0] != token:
        copy = _load_copy(survey_id)
        if copy is None:
            return None
        entry = (copy.structure_token, copy)
        with _lock:
            cache[survey_id] = entry
            cache.move_to_end(survey_id)
            while len(cache) > CACHE_SIZE:
                cache.popitem(last=False)
    # Objects of the copy are never handed out: merge makes the session's own, without SQL.
    return db.session.merge(entry[1], load=False)
