"""Business rules of the idea boards, without HTTP."""

from __future__ import annotations

import sys
import types

import pytest
from sqlalchemy import func, select

from participation.accounts.models import AuditLogEntry
from participation.contributions.models import Contribution, ContributionSource
from participation.contributions.queries import active_contributions
from participation.extensions import db
from participation.ideas import operations, queries
from participation.ideas.models import (
    BoardState,
    Idea,
    IdeaComment,
    IdeaReport,
    IdeaStatus,
    IdeaSupport,
    ModerationMode,
    PostState,
    ReportTarget,
)
from participation.ideas.spam import SpamError


def contribution(source, source_id) -> Contribution | None:
    return db.session.scalar(
        select(Contribution).where(
            Contribution.source == source, Contribution.source_id == source_id
        )
    )


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditLogEntry.action).order_by(AuditLogEntry.id)))


def test_idea_becomes_a_contribution_with_its_source(process, board, post_idea):
    family = next(g for g in process.target_groups if g.code == "families")
    nordstadt = next(d for d in process.districts if d.name == "Nordstadt")
    idea = post_idea(
        title="Krippe länger offen",
        text="Bis 18 Uhr wäre gut.",
        target_group=family,
        district=nordstadt,
        author_name="Lokales Bündnis für Familie",
    )
    assert idea.state is PostState.PUBLISHED and idea.status is IdeaStatus.NEW
    row = contribution(ContributionSource.IDEA, idea.id)
    assert row.process_id == process.id
    assert "Krippe länger offen" in row.text and "Bis 18 Uhr" in row.text
    assert row.target_group_id == family.id and row.district_id == nordstadt.id
    assert row.source_label == board.title and not row.withdrawn


def test_comment_becomes_a_contribution_with_the_ideas_district(process, post_idea):
    mühlbach = next(d for d in process.districts if d.name == "Mühlbach")
    youth = next(g for g in process.target_groups if g.code == "youth")
    idea = post_idea(district=mühlbach)
    comment = operations.add_comment(idea, text="Unbedingt!", target_group=youth)
    db.session.commit()
    row = contribution(ContributionSource.COMMENT, comment.id)
    assert row.text == "Unbedingt!" and row.district_id == mühlbach.id
    assert row.target_group_id == youth.id and row.source_label == idea.board.title


def test_pre_moderation_waits_and_approval_publishes(make_board, post_idea):
    board = make_board("Vorab", moderation=ModerationMode.PRE)
    idea = post_idea(target=board)
    assert idea.state is PostState.PENDING
    assert contribution(ContributionSource.IDEA, idea.id).withdrawn
    assert queries.list_ideas(board, queries.IdeaFilter()).total == 0
    assert [item.post.id for item in queries.moderation_queue(board.process)] == [idea.id]
    operations.approve_post(idea)
    db.session.commit()
    assert idea.state is PostState.PUBLISHED
    assert not contribution(ContributionSource.IDEA, idea.id).withdrawn
    assert queries.list_ideas(board, queries.IdeaFilter()).total == 1
    assert "idea_approved" in actions()


def test_pending_comment_waits_too(make_board, post_idea):
    board = make_board("Vorab", moderation=ModerationMode.PRE)
    idea = post_idea(target=board)
    operations.approve_post(idea)
    comment = operations.add_comment(idea, text="Gute Idee")
    db.session.commit()
    assert comment.state is PostState.PENDING
    assert contribution(ContributionSource.COMMENT, comment.id).withdrawn
    assert queries.comment_threads(idea) == []
    operations.approve_post(comment)
    db.session.commit()
    assert [t.comment.id for t in queries.comment_threads(idea)] == [comment.id]


def test_post_moderation_publishes_at_once(post_idea):
    idea = post_idea()
    comment = operations.add_comment(idea, text="Ja!")
    assert idea.state is PostState.PUBLISHED and comment.state is PostState.PUBLISHED


def test_replies_are_one_level_deep(post_idea):
    idea = post_idea()
    top = operations.add_comment(idea, text="Erster")
    reply = operations.add_comment(idea, text="Antwort", parent=top)
    reply_to_reply = operations.add_comment(idea, text="Antwort auf Antwort", parent=reply)
    db.session.commit()
    assert reply.parent_id == top.id and reply_to_reply.parent_id == top.id
    threads = queries.comment_threads(idea)
    assert len(threads) == 1 and [r.text for r in threads[0].replies] == [
        "Antwort",
        "Antwort auf Antwort",
    ]


@pytest.mark.parametrize(
    ("title", "text", "message"),
    [
        ("", "Text", "Titel"),
        ("   ", "Text", "Titel"),
        ("Titel", "", "beschreiben"),
        ("x" * 151, "Text", "150"),
        ("Titel", "x" * 5001, "5000"),
        (
            "Titel",
            "a http://a.example b http://b.example c www.c.example d https://d.example",
            "Links",
        ),
    ],
)
def test_bad_ideas_are_refused_and_nothing_is_stored(board, title, text, message):
    with pytest.raises((operations.IdeaError, SpamError), match=message):
        operations.post_idea(board, title=title, text=text)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Idea.id))) == 0
    assert db.session.scalar(select(func.count(Contribution.id))) == 0


def test_three_links_are_fine(board):
    text = "http://a.example http://b.example http://c.example"
    assert operations.post_idea(board, title="Links", text=text).id


def test_control_characters_are_dropped(board):
    idea = operations.post_idea(board, title="Null\x00byte", text="Zeile 1\r\nZeile 2\x07")
    db.session.commit()
    assert idea.title == "Nullbyte" and idea.text == "Zeile 1\nZeile 2"


def test_no_new_ideas_or_comments_on_a_read_only_board(make_board, post_idea):
    board = make_board("Bald zu")
    idea = post_idea(target=board)
    board.state = BoardState.READ_ONLY
    db.session.commit()
    with pytest.raises(operations.IdeaError, match="keine neuen Ideen"):
        operations.post_idea(board, title="Noch eine", text="Text")
    with pytest.raises(operations.IdeaError, match="geschlossen"):
        operations.add_comment(idea, text="Kommentar")
    with pytest.raises(operations.IdeaError, match="geschlossen"):
        operations.support_idea(idea, "a" * 64)


def test_no_comment_on_a_hidden_idea(post_idea):
    idea = post_idea()
    operations.hide_post(idea, "Beleidigend")
    db.session.commit()
    with pytest.raises(operations.IdeaError, match="nicht sichtbar"):
        operations.add_comment(idea, text="Kommentar")
    db.session.rollback()
    assert db.session.scalar(select(func.count(IdeaComment.id))) == 0


def test_support_counts_once_per_person(post_idea):
    idea = post_idea()
    operations.support_idea(idea, "a" * 64)
    db.session.commit()
    with pytest.raises(operations.AlreadyDone, match="bereits"):
        operations.support_idea(idea, "a" * 64)
    operations.support_idea(idea, "b" * 64)
    db.session.commit()
    assert queries.support_count(idea) == 2


def test_the_same_form_sent_twice_is_stored_once(board, post_idea):
    first = operations.post_idea(board, title="Titel", text="Text", submission_key="k" * 32)
    db.session.commit()
    with pytest.raises(operations.DuplicateSubmission) as caught:
        operations.post_idea(board, title="Titel", text="Text", submission_key="k" * 32)
    assert caught.value.existing.id == first.id
    comment = operations.add_comment(first, text="Hallo", submission_key="c" * 32)
    db.session.commit()
    with pytest.raises(operations.DuplicateSubmission):
        operations.add_comment(first, text="Hallo", submission_key="c" * 32)
    assert db.session.scalar(select(func.count(Idea.id))) == 1
    assert db.session.scalar(select(func.count(IdeaComment.id))) == 1 and comment.id


def test_a_report_is_filed_once(process, post_idea):
    idea = post_idea()
    operations.report_post(process, ReportTarget.IDEA, idea.id, "Werbung", "r" * 64)
    db.session.commit()
    with pytest.raises(operations.AlreadyDone, match="bereits gemeldet"):
        operations.report_post(process, ReportTarget.IDEA, idea.id, "Werbung", "r" * 64)
    with pytest.raises(operations.IdeaError, match="Grund"):
        operations.report_post(process, ReportTarget.IDEA, idea.id, "  ", "s" * 64)
    db.session.rollback()
    assert db.session.scalar(select(func.count(IdeaReport.id))) == 1
    queue = queries.moderation_queue(process)
    assert len(queue) == 1 and queue[0].post.id == idea.id and len(queue[0].reports) == 1


def test_hide_and_restore_withdraw_and_return_the_contribution(process, post_idea):
    idea = post_idea()
    comment = operations.add_comment(idea, text="Spam spam")
    operations.report_post(process, ReportTarget.COMMENT, comment.id, "Spam", "r" * 64)
    db.session.commit()
    with pytest.raises(operations.IdeaError, match="Grund"):
        operations.hide_post(comment, " ")
    operations.hide_post(comment, "Werbung")
    db.session.commit()
    assert comment.state is PostState.HIDDEN and comment.hidden_reason == "Werbung"
    assert contribution(ContributionSource.COMMENT, comment.id).withdrawn
    assert queries.moderation_queue(process) == []  # the report is resolved
    operations.restore_post(comment)
    db.session.commit()
    assert comment.state is PostState.PUBLISHED and comment.hidden_reason == ""
    assert not contribution(ContributionSource.COMMENT, comment.id).withdrawn
    assert {"comment_hidden", "comment_restored"} <= set(actions())
    hidden = db.session.scalar(
        select(AuditLogEntry).where(AuditLogEntry.action == "comment_hidden")
    )
    assert hidden.details["reason"] == "Werbung" and hidden.process_id == process.id
    assert hidden.created_at is not None


def test_merging_combines_supports_without_counting_anyone_twice(process, board, post_idea):
    kept = post_idea(title="Tempo 30 vor der Schule")
    duplicate = post_idea(title="Tempo 30 an der Grundschule")
    for supporter in ("a", "b", "c"):
        operations.support_idea(kept, supporter * 64)
    for supporter in ("b", "c", "d", "e"):
        operations.support_idea(duplicate, supporter * 64)
    comment = operations.add_comment(duplicate, text="Unbedingt")
    reply = operations.add_comment(duplicate, text="Finde ich auch", parent=comment)
    db.session.commit()
    gained = operations.merge_ideas(duplicate, kept)
    db.session.commit()
    assert gained == 2
    assert queries.support_count(kept) == 5
    assert queries.support_count(duplicate) == 0
    hashes = db.session.scalars(
        select(IdeaSupport.supporter_hash).where(IdeaSupport.idea_id == kept.id)
    ).all()
    assert sorted(h[0] for h in hashes) == ["a", "b", "c", "d", "e"]
    db.session.expire_all()
    assert {c.idea_id for c in (comment, reply)} == {kept.id}
    assert reply.parent_id == comment.id
    assert duplicate.merged_into_id == kept.id
    listed = queries.list_ideas(board, queries.IdeaFilter())
    assert [row.idea.id for row in listed.rows] == [kept.id]
    assert listed.rows[0].supports == 5 and listed.rows[0].comments == 2
    assert "idea_merged" in actions()
    with pytest.raises(operations.IdeaError):
        operations.merge_ideas(duplicate, kept)
    with pytest.raises(operations.IdeaError):
        operations.merge_ideas(kept, duplicate)
    with pytest.raises(operations.IdeaError):
        operations.merge_ideas(kept, kept)


def test_status_workflow_with_public_answers(post_idea):
    idea = post_idea()
    operations.set_status(idea, IdeaStatus.UNDER_REVIEW, "Wir prüfen das.")
    operations.set_status(idea, IdeaStatus.IN_WORKSHOP, "Im Workshop am 12. März.")
    assert idea.answer == "Im Workshop am 12. März." and idea.answered_at is not None
    with pytest.raises(operations.IdeaError, match="nicht zu"):
        operations.set_status(idea, IdeaStatus.NEW, "")
    with pytest.raises(operations.IdeaError, match="begründen"):
        operations.set_status(idea, IdeaStatus.NOT_PURSUED, "")
    operations.set_status(idea, IdeaStatus.NOT_PURSUED, "Zu teuer, aber es gibt eine Alternative.")
    operations.set_status(idea, IdeaStatus.UNDER_REVIEW, "Neu geprüft mit Fördermitteln.")
    operations.set_status(idea, IdeaStatus.IN_GOAL_AGREEMENT, "In der Zielvereinbarung.")
    operations.set_status(idea, IdeaStatus.IMPLEMENTED, "Umgesetzt im Mai.")
    with pytest.raises(operations.IdeaError):
        operations.set_status(idea, IdeaStatus.NOT_PURSUED, "Doch nicht")
    db.session.commit()
    assert idea.status is IdeaStatus.IMPLEMENTED
    assert actions().count("idea_status_changed") == 6


def test_sort_filter_search_and_pages(process, board, post_idea):
    nordstadt = next(d for d in process.districts if d.name == "Nordstadt")
    hf2 = process.field_by_code("HF2")
    quiet = post_idea(title="Ruhige Idee", text="Nichts weiter")
    popular = post_idea(title="KITA länger offen", text="Öffnungszeiten", field_of_action=hf2)
    talked = post_idea(title="Ärger am Spielplatz", text="100% sicher_machen", district=nordstadt)
    for n in range(3):
        operations.support_idea(popular, f"{n}" * 64)
    for n in range(2):
        operations.add_comment(talked, text=f"Kommentar {n}")
    db.session.commit()

    def ids(**kw):
        return [row.idea.id for row in queries.list_ideas(board, queries.IdeaFilter(**kw)).rows]

    assert ids() == [talked.id, popular.id, quiet.id]
    assert ids(sort="supported")[0] == popular.id
    assert ids(sort="discussed")[0] == talked.id
    assert ids(field_id=hf2.id) == [popular.id]
    assert ids(district_id=nordstadt.id) == [talked.id]
    assert ids(status=IdeaStatus.NEW) == [talked.id, popular.id, quiet.id]
    assert ids(status=IdeaStatus.IMPLEMENTED) == []
    assert ids(search="kita") == [popular.id]
    assert ids(search="öffnungszeiten") == [popular.id]
    assert ids(search="ÄRGER") == [talked.id]
    assert ids(search="100%") == [talked.id]
    assert ids(search="%") == [talked.id]  # a wildcard matches only itself
    assert ids(search="_") == [talked.id]
    page = queries.list_ideas(board, queries.IdeaFilter(page=2), per_page=2)
    assert page.total == 3 and page.pages == 2 and [r.idea.id for r in page.rows] == [quiet.id]
    beyond = queries.list_ideas(board, queries.IdeaFilter(page=99), per_page=2)
    assert beyond.page == 2


def test_filter_arguments_never_fail():
    from werkzeug.datastructures import MultiDict

    filters = queries.IdeaFilter.from_args(
        MultiDict(
            {
                "sort": "x'; DROP",
                "feld": "abc",
                "ort": "99999999999",
                "status": "nope",
                "seite": "-1",
            }
        )
    )
    assert filters == queries.IdeaFilter()


def test_without_the_nlp_module_there_is_no_suggestion(process, monkeypatch):
    monkeypatch.setitem(sys.modules, "nlp.api", None)  # import fails like an unmerged package
    operations._analyzer.cache_clear()
    assert operations.suggest_field(process, "Mehr Kitaplätze") is None
    operations._analyzer.cache_clear()


def test_the_nlp_suggestion_is_a_field_of_the_process(process, monkeypatch):
    built = []

    class FakeAnalyzer:
        @classmethod
        def zero_shot(cls, frame):
            built.append(frame)
            return cls()

        def classify(self, texts):
            return [types.SimpleNamespace(field="HF2") for _ in texts]

    monkeypatch.setitem(sys.modules, "nlp.api", types.SimpleNamespace(Analyzer=FakeAnalyzer))
    operations._analyzer.cache_clear()
    assert operations.suggest_field(process, "Mehr Kitaplätze").code == "HF2"
    assert operations.suggest_field(process, "Noch mehr Kitaplätze").code == "HF2"
    assert built == ["family"]  # cached per frame
    operations._analyzer.cache_clear()


def test_active_contributions_leave_out_hidden_posts(process, post_idea):
    idea = post_idea()
    operations.add_comment(idea, text="Sichtbar")
    hidden = operations.add_comment(idea, text="Weg damit")
    operations.hide_post(hidden, "Beleidigung")
    db.session.commit()
    texts = [c.text for c in active_contributions(process)]
    assert "Sichtbar" in texts and "Weg damit" not in texts
