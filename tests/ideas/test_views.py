"""Participant and staff pages of the idea boards, as a browser without JavaScript uses them."""

from __future__ import annotations

import sys
import types

import pytest
from sqlalchemy import func, select

from participation.accounts.models import AuditLogEntry, Role
from participation.extensions import db
from participation.ideas import operations
from participation.ideas.models import (
    BoardState,
    Idea,
    IdeaComment,
    IdeaReport,
    IdeaStatus,
    IdeaSupport,
    ModerationMode,
    PostState,
)
from participation.ideas.spam import SUPPORTER_COOKIE

from .conftest import csrf_token, form_token


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(model.id)))


def new_url(process, board):
    return f"/p/{process.slug}/ideen/{board.id}/neu"


def idea_data(token, **changes):
    data = {
        "title": "Längere Öffnungszeiten der Kita",
        "text": "Die Kita Regenbogen sollte bis 18 Uhr öffnen.",
        "district": "",
        "field_of_action": "",
        "target_group": "",
        "author_name": "Familie Yilmaz",
        "website": "",
        "form_token": token,
        "step": "publish",
    }
    data.update(changes)
    return data


def test_start_page_lists_open_and_read_only_boards(client, process, make_board):
    make_board("Offene Börse")
    make_board("Archiv", state=BoardState.READ_ONLY)
    make_board("Geheim", state=BoardState.CLOSED)
    body = client.get(f"/p/{process.slug}/").get_data(as_text=True)
    assert "Offene Börse" in body and "Archiv" in body and "Geheim" not in body


def test_closed_board_and_its_ideas_are_not_shown(client, process, make_board, post_idea):
    board = make_board("Zu")
    idea = post_idea(target=board)
    board.state = BoardState.CLOSED
    db.session.commit()
    assert client.get(f"/p/{process.slug}/ideen/{board.id}/").status_code == 404
    assert client.get(f"/p/{process.slug}/ideen/idee/{idea.id}").status_code == 404


def test_board_of_another_process_is_404(client, factory, board):
    other = factory.process("Andere Stadt")
    assert client.get(f"/p/{other.slug}/ideen/{board.id}/").status_code == 404


def test_list_sort_filter_search_and_pages(client, process, board, post_idea):
    for n in range(23):
        post_idea(title=f"Idee Nummer {n}", text="Text")
    post_idea(title="Sonderfall 50% Rabatt", text="Text")
    url = f"/p/{process.slug}/ideen/{board.id}/"
    first = client.get(url).get_data(as_text=True)
    assert "24 Ideen" in first and "Seite 1 von 2" in first and "Sonderfall 50% Rabatt" in first
    second = client.get(url + "?seite=2").get_data(as_text=True)
    assert "Idee Nummer 0" in second and "Sonderfall" not in second
    found = client.get(url + "?q=50%25").get_data(as_text=True)
    assert "1 Idee" in found and "Sonderfall" in found
    for junk in ("?seite=abc", "?sort=<script>", "?feld=x&ort=-1&status=zzz", "?seite=999999"):
        assert client.get(url + junk).status_code == 200


def test_post_an_idea_through_preview_with_field_suggestion(client, process, board, monkeypatch):
    class FakeAnalyzer:
        @classmethod
        def zero_shot(cls, frame):
            return cls()

        def classify(self, texts):
            return [types.SimpleNamespace(field="HF2")]

    monkeypatch.setitem(sys.modules, "nlp.api", types.SimpleNamespace(Analyzer=FakeAnalyzer))
    operations._analyzer.cache_clear()
    token = form_token(client, new_url(process, board))
    preview = client.post(new_url(process, board), data=idea_data(token, step="preview"))
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Vorschau" in body
    hf2 = process.field_by_code("HF2")
    assert f'<option selected value="{hf2.id}">' in body
    assert "Vorschlag der automatischen Zuordnung" in body
    assert count(Idea) == 0  # the preview stores nothing
    # The author changes the suggested field and publishes.
    hf1 = process.field_by_code("HF1")
    data = idea_data(token, field_of_action=str(hf1.id), suggested=str(hf2.id))
    response = client.post(new_url(process, board), data=data)
    assert response.status_code == 303
    idea = db.session.scalar(select(Idea))
    assert idea.field_of_action_id == hf1.id and idea.suggested_field_id == hf2.id
    assert response.headers["Location"].endswith(f"/ideen/idee/{idea.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Danke! Ihre Idee ist veröffentlicht." in page and "Familie Yilmaz" in page
    operations._analyzer.cache_clear()


def test_posting_works_without_the_nlp_module(client, process, board, monkeypatch):
    monkeypatch.setitem(sys.modules, "nlp.api", None)
    operations._analyzer.cache_clear()
    token = form_token(client, new_url(process, board))
    preview = client.post(new_url(process, board), data=idea_data(token, step="preview"))
    assert preview.status_code == 200 and "Vorschlag" not in preview.get_data(as_text=True)
    assert client.post(new_url(process, board), data=idea_data(token)).status_code == 303
    assert count(Idea) == 1
    operations._analyzer.cache_clear()


def test_edit_step_returns_to_the_form_with_the_text(client, process, board):
    token = form_token(client, new_url(process, board))
    body = client.post(new_url(process, board), data=idea_data(token, step="edit")).get_data(
        as_text=True
    )
    assert "Die Kita Regenbogen sollte bis 18 Uhr öffnen." in body and "Weiter zur Vorschau" in body


def test_script_and_html_are_shown_as_text(client, process, board):
    token = form_token(client, new_url(process, board))
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = idea_data(token, title=hostile[:60], text=hostile, author_name="<b>Fett</b>")
    response = client.post(new_url(process, board), data=data)
    body = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>Fett</b>" not in body
    assert "&lt;script&gt;" in body and "&lt;b&gt;Fett&lt;/b&gt;" in body
    board_page = client.get(f"/p/{process.slug}/ideen/{board.id}/").get_data(as_text=True)
    assert "<script>alert" not in board_page


def test_bad_input_gets_a_german_message_and_keeps_the_text(client, process, board):
    url = new_url(process, board)
    token = form_token(client, url)
    cases = [
        (idea_data(token, title=""), "Bitte geben Sie einen Titel an."),
        (idea_data(token, text="   "), "Bitte beschreiben Sie Ihre Idee."),
        (idea_data(token, title="x" * 151), "Bitte höchstens 150 Zeichen."),
        (idea_data(token, text="y" * 5001), "Bitte höchstens 5000 Zeichen."),
        (idea_data(token, author_name="z" * 121), "Bitte höchstens 120 Zeichen."),
        (idea_data(token, district="999"), "Keine gültige Auswahl"),
    ]
    for data, message in cases:
        response = client.post(url, data=data)
        body = response.get_data(as_text=True)
        assert response.status_code == 422, message
        assert message in body, message
        assert "Bitte prüfen Sie Ihre Angaben" in body
    long_text = client.post(url, data=idea_data(token, title="x" * 151)).get_data(as_text=True)
    assert "Die Kita Regenbogen sollte bis 18 Uhr öffnen." in long_text  # nothing lost
    assert count(Idea) == 0


def test_spam_defences(client, process, board):
    url = new_url(process, board)
    token = form_token(client, url)
    honeypot = client.post(url, data=idea_data(token, website="http://spam.example"))
    assert honeypot.status_code == 422 and "„Website“ leer" in honeypot.get_data(as_text=True)
    links = " ".join(f"https://spam{n}.example" for n in range(4))
    too_many = client.post(url, data=idea_data(token, text=links))
    assert too_many.status_code == 422 and "höchstens 3 Links" in too_many.get_data(as_text=True)
    forged = client.post(url, data=idea_data("forged.token.value"))
    assert forged.status_code == 422 and "ungültig" in forged.get_data(as_text=True)
    assert count(Idea) == 0


def test_a_form_sent_too_fast_is_refused_and_later_accepted(app_with, factory):
    from participation.ideas.spam import check_form_token, issue_form_token

    app = app_with(IDEAS_MIN_FILL_SECONDS=3)
    with app.app_context():
        process = factory.process()
        board = operations.create_board(process, "Börse")
        db.session.commit()
        client = app.test_client()
        url = new_url(process, board)
        token = form_token(client, url)
        fast = client.post(url, data=idea_data(token))
        body = fast.get_data(as_text=True)
        assert fast.status_code == 422 and "Das ging sehr schnell" in body
        assert "Die Kita Regenbogen sollte bis 18 Uhr öffnen." in body
        assert db.session.scalar(select(func.count(Idea.id))) == 0
        with app.test_request_context():
            fresh = issue_form_token()
            import time

            assert check_form_token(fresh, now=time.time() + 5)  # a human took 5 seconds


def test_the_same_form_published_twice_is_stored_once(client, process, board):
    url = new_url(process, board)
    token = form_token(client, url)
    first = client.post(url, data=idea_data(token))
    second = client.post(url, data=idea_data(token))
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert "bereits gespeichert" in client.get(second.headers["Location"]).get_data(as_text=True)
    assert count(Idea) == 1


def test_pre_moderated_idea_waits_for_approval(client, process, make_board):
    board = make_board("Vorab", moderation=ModerationMode.PRE)
    url = new_url(process, board)
    response = client.post(url, data=idea_data(form_token(client, url)))
    assert response.headers["Location"].endswith(f"/ideen/{board.id}/")
    body = client.get(response.headers["Location"]).get_data(as_text=True)
    assert (
        "sobald die Moderation" in body
        and "Längere Öffnungszeiten" not in body.split('role="status"')[-1]
    )
    idea = db.session.scalar(select(Idea))
    assert idea.state is PostState.PENDING
    assert client.get(f"/p/{process.slug}/ideen/idee/{idea.id}").status_code == 404


def test_comment_and_reply_without_javascript(client, process, post_idea):
    idea = post_idea()
    url = f"/p/{process.slug}/ideen/idee/{idea.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Kommentar senden" in page and "<script" not in page
    token = form_token(client, url)
    response = client.post(
        url + "/kommentare", data={"text": "Tolle Idee!", "author_name": "Ute", "form_token": token}
    )
    assert response.status_code == 303 and "#kommentar-" in response.headers["Location"]
    comment = db.session.scalar(select(IdeaComment))
    reply_page = client.get(f"{url}?antwort={comment.id}").get_data(as_text=True)
    assert "Sie antworten auf den Kommentar von Ute" in reply_page
    token = form_token(client, f"{url}?antwort={comment.id}")
    client.post(
        url + "/kommentare",
        data={"text": "Finde ich auch", "parent_id": str(comment.id), "form_token": token},
    )
    body = client.get(url).get_data(as_text=True)
    assert "Tolle Idee!" in body and "Finde ich auch" in body and 'class="replies"' in body
    db.session.expire_all()
    reply = db.session.scalar(select(IdeaComment).where(IdeaComment.parent_id == comment.id))
    assert reply is not None


def test_bad_comments_are_refused(client, process, post_idea, make_board):
    idea = post_idea()
    url = f"/p/{process.slug}/ideen/idee/{idea.id}"
    token = form_token(client, url)
    empty = client.post(url + "/kommentare", data={"text": " ", "form_token": token})
    assert empty.status_code == 422 and "Bitte schreiben Sie einen Kommentar." in empty.get_data(
        as_text=True
    )
    long = client.post(url + "/kommentare", data={"text": "x" * 2001, "form_token": token})
    assert long.status_code == 422 and "höchstens 2000 Zeichen" in long.get_data(as_text=True)
    script = client.post(
        url + "/kommentare", data={"text": "<script>alert(1)</script>", "form_token": token}
    )
    assert script.status_code == 303
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(url).get_data(as_text=True)
    # A second send of the same comment form stores nothing new.
    again = client.post(
        url + "/kommentare", data={"text": "<script>alert(1)</script>", "form_token": token}
    )
    assert again.status_code == 303 and count(IdeaComment) == 1


def test_no_comment_on_hidden_or_closed_ideas(client, process, post_idea, make_board):
    hidden = post_idea(title="Ausgeblendet")
    operations.hide_post(hidden, "Beleidigend")
    closing = make_board("Bald geschlossen")
    closed = post_idea(title="Alt", target=closing)
    closing.state = BoardState.READ_ONLY
    db.session.commit()
    for idea, message in ((hidden, "nicht sichtbar"), (closed, "geschlossen")):
        url = f"/p/{process.slug}/ideen/idee/{idea.id}"
        page = client.get(url).get_data(as_text=True)
        assert message in page and "Kommentar senden" not in page
        response = client.post(
            url + "/kommentare", data={"text": "Trotzdem", "form_token": form_token_for(client)}
        )
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    hidden_page = client.get(f"/p/{process.slug}/ideen/idee/{hidden.id}").get_data(as_text=True)
    assert "Grund: Beleidigend" in hidden_page and hidden.text not in hidden_page
    assert count(IdeaComment) == 0


def form_token_for(client) -> str:
    from participation.ideas.spam import issue_form_token

    with client.application.test_request_context():
        return issue_form_token()


def test_support_once_and_only_a_hash_is_stored(client, process, post_idea):
    idea = post_idea()
    url = f"/p/{process.slug}/ideen/idee/{idea.id}"
    first = client.post(url + "/unterstuetzen")
    assert first.status_code == 303
    cookie = client.get_cookie(SUPPORTER_COOKIE).value
    page = client.get(url).get_data(as_text=True)
    assert "Danke! Sie unterstützen diese Idee." in page and "1 Unterstützung" in page
    second = client.post(url + "/unterstuetzen")
    assert "Sie unterstützen diese Idee bereits." in client.get(
        second.headers["Location"]
    ).get_data(as_text=True)
    supports = db.session.scalars(select(IdeaSupport)).all()
    assert len(supports) == 1 and supports[0].supporter_hash != cookie
    assert cookie not in supports[0].supporter_hash
    other = client.application.test_client()
    other.post(url + "/unterstuetzen")
    assert count(IdeaSupport) == 2


def test_report_reaches_the_queue_once(client, auth, factory, process, post_idea):
    idea = post_idea()
    comment = operations.add_comment(idea, text="Kauft billige Uhren!")
    db.session.commit()
    url = f"/p/{process.slug}/ideen/melden/kommentar/{comment.id}"
    assert "Beitrag melden" in client.get(url).get_data(as_text=True)
    empty = client.post(url, data={"reason": ""})
    assert empty.status_code == 422 and "Grund Ihrer Meldung" in empty.get_data(as_text=True)
    client.post(url, data={"reason": "Werbung"})
    twice = client.post(url, data={"reason": "Werbung"})
    assert "bereits gemeldet" in client.get(twice.headers["Location"]).get_data(as_text=True)
    assert count(IdeaReport) == 1
    assert client.get(f"/p/{process.slug}/ideen/melden/unsinn/1").status_code == 404
    factory.user("mod@test.example", role=Role.MODERATOR, process=process)
    auth.login("mod@test.example")
    queue = client.get(f"/staff/p/{process.slug}/ideen/moderation").get_data(as_text=True)
    assert "Kauft billige Uhren!" in queue and "Werbung" in queue


def test_moderator_hides_and_restores_with_a_logged_reason(
    client, auth, factory, process, post_idea
):
    idea = post_idea(text="Ein unfreundlicher Text")
    moderator = factory.user("mod@test.example", role=Role.MODERATOR, process=process)
    auth.login("mod@test.example")
    base = f"/staff/p/{process.slug}/ideen/idee/{idea.id}"
    refused = client.post(base + "/moderieren", data={"action": "hide", "reason": ""})
    assert refused.status_code == 303
    assert "Bitte geben Sie einen Grund an" in client.get(base).get_data(as_text=True)
    client.post(base + "/moderieren", data={"action": "hide", "reason": "Beleidigend"})
    public = client.get(f"/p/{process.slug}/ideen/idee/{idea.id}").get_data(as_text=True)
    assert "Grund: Beleidigend" in public and "Ein unfreundlicher Text" not in public
    client.post(base + "/moderieren", data={"action": "restore"})
    public = client.get(f"/p/{process.slug}/ideen/idee/{idea.id}").get_data(as_text=True)
    assert "Ein unfreundlicher Text" in public
    entries = db.session.scalars(
        select(AuditLogEntry).where(AuditLogEntry.action.like("idea_%")).order_by(AuditLogEntry.id)
    ).all()
    logged = [
        (e.action, e.user_id) for e in entries if e.action in ("idea_hidden", "idea_restored")
    ]
    assert logged == [("idea_hidden", moderator.id), ("idea_restored", moderator.id)]
    # A moderator may not answer on the status: that is the lead's.
    assert client.post(base + "/status", data={"status": "implemented"}).status_code == 403


def test_moderator_approves_pre_moderated_posts(client, auth, factory, process, make_board):
    board = make_board("Vorab", moderation=ModerationMode.PRE)
    idea = operations.post_idea(board, title="Wartet", text="Auf Freigabe")
    db.session.commit()
    factory.user("mod@test.example", role=Role.MODERATOR, process=process)
    auth.login("mod@test.example")
    assert "Wartet" in client.get(f"/staff/p/{process.slug}/ideen/moderation").get_data(
        as_text=True
    )
    client.post(
        f"/staff/p/{process.slug}/ideen/idee/{idea.id}/moderieren", data={"action": "approve"}
    )
    assert client.get(f"/p/{process.slug}/ideen/idee/{idea.id}").status_code == 200
    assert "Nichts zu tun" in client.get(f"/staff/p/{process.slug}/ideen/moderation").get_data(
        as_text=True
    )


def test_merge_through_the_staff_page(client, auth, factory, process, post_idea):
    kept, duplicate = post_idea(title="Original"), post_idea(title="Doppelt")
    operations.support_idea(kept, "a" * 64)
    operations.support_idea(duplicate, "a" * 64)
    operations.support_idea(duplicate, "b" * 64)
    db.session.commit()
    factory.user("mod@test.example", role=Role.MODERATOR, process=process)
    auth.login("mod@test.example")
    response = client.post(
        f"/staff/p/{process.slug}/ideen/idee/{duplicate.id}/zusammenfuehren",
        data={"into": str(kept.id)},
    )
    assert response.status_code == 303
    public = client.get(f"/p/{process.slug}/ideen/idee/{duplicate.id}").get_data(as_text=True)
    assert "zusammengeführt" in public and f"/ideen/idee/{kept.id}" in public
    kept_page = client.get(f"/p/{process.slug}/ideen/idee/{kept.id}").get_data(as_text=True)
    assert "2 Unterstützungen" in kept_page


def test_lead_sets_status_and_citizens_see_the_answer(client, auth, factory, process, post_idea):
    idea = post_idea()
    factory.user(process=process)
    auth.login()
    base = f"/staff/p/{process.slug}/ideen/idee/{idea.id}"
    refused = client.post(base + "/status", data={"status": "not_pursued", "answer": ""})
    assert refused.status_code == 422 and "begründen" in refused.get_data(as_text=True)
    client.post(
        base + "/status", data={"status": "in_workshop", "answer": "Kommt in den Workshop."}
    )
    public = client.get(f"/p/{process.slug}/ideen/idee/{idea.id}").get_data(as_text=True)
    assert "Im Workshop aufgegriffen" in public and "Kommt in den Workshop." in public
    back = client.post(base + "/status", data={"status": "new", "answer": ""})
    assert back.status_code == 422
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is IdeaStatus.IN_WORKSHOP


def test_lead_creates_and_edits_boards(client, auth, factory, process):
    factory.user(process=process)
    auth.login()
    response = client.post(
        f"/staff/p/{process.slug}/ideen/neu",
        data={
            "title": "Ideen der Jugend",
            "state": "open",
            "moderation": "pre",
            "field_of_action": "",
            "district": "",
        },
    )
    assert response.status_code == 303
    empty = client.post(
        f"/staff/p/{process.slug}/ideen/neu",
        data={"title": "", "state": "open", "moderation": "pre"},
    )
    assert empty.status_code == 422
    from participation.ideas.models import Board

    board = db.session.scalar(select(Board))
    assert board.moderation is ModerationMode.PRE
    client.post(
        f"/staff/p/{process.slug}/ideen/{board.id}/bearbeiten",
        data={"title": "Ideen der Jugend", "state": "read_only", "moderation": "post"},
    )
    db.session.expire_all()
    assert db.session.get(Board, board.id).state is BoardState.READ_ONLY
    dashboard = client.get(f"/staff/p/{process.slug}/").get_data(as_text=True)
    assert "Ideenbörsen" in dashboard and "Moderation der Ideenbörsen" in dashboard


def test_auditor_sees_boards_but_cannot_moderate(client, auth, factory, process, post_idea):
    idea = post_idea()
    factory.user("audit@test.example", role=Role.AUDITOR, process=process)
    auth.login("audit@test.example")
    assert client.get(f"/staff/p/{process.slug}/ideen/").status_code == 200
    page = client.get(f"/staff/p/{process.slug}/ideen/idee/{idea.id}").get_data(as_text=True)
    assert "Ausblenden" not in page
    hide = client.post(
        f"/staff/p/{process.slug}/ideen/idee/{idea.id}/moderieren",
        data={"action": "hide", "reason": "x"},
    )
    assert hide.status_code == 403


def test_staff_cannot_touch_ideas_of_another_process(client, auth, factory, process, post_idea):
    idea = post_idea()
    other = factory.process("Andere Stadt")
    factory.user(process=other)
    auth.login()
    assert client.get(f"/staff/p/{other.slug}/ideen/idee/{idea.id}").status_code == 404
    hide = client.post(
        f"/staff/p/{other.slug}/ideen/idee/{idea.id}/moderieren",
        data={"action": "hide", "reason": "x"},
    )
    assert hide.status_code == 404
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).state is PostState.PUBLISHED


def test_missing_or_forged_csrf_token_is_refused(app_with, factory):
    app = app_with(WTF_CSRF_ENABLED=True, IDEAS_MIN_FILL_SECONDS=0)
    with app.app_context():
        process = factory.process()
        board = operations.create_board(process, "Börse")
        idea = operations.post_idea(board, title="Idee", text="Text")
        db.session.commit()
        client = app.test_client()
        url = f"/p/{process.slug}/ideen/idee/{idea.id}"
        token = form_token(client, url)
        for csrf in (None, "forged"):
            data = {"text": "Kommentar", "form_token": token}
            if csrf:
                data["csrf_token"] = csrf
            response = client.post(url + "/kommentare", data=data)
            body = response.get_data(as_text=True)
            assert response.status_code == 400 and "Es wurde nichts gespeichert" in body
        assert client.post(url + "/unterstuetzen").status_code == 400
        data = {"text": "Kommentar", "form_token": token, "csrf_token": csrf_token(client, url)}
        assert client.post(url + "/kommentare", data=data).status_code == 303
        assert db.session.scalar(select(func.count(IdeaComment.id))) == 1
        assert db.session.scalar(select(func.count(IdeaSupport.id))) == 0


def test_rate_limit_on_posting(app_with, factory):
    app = app_with(RATELIMIT_ENABLED=True, IDEAS_MIN_FILL_SECONDS=0)
    with app.app_context():
        process = factory.process()
        board = operations.create_board(process, "Börse")
        idea = operations.post_idea(board, title="Idee", text="Text")
        db.session.commit()
        client = app.test_client()
        url = f"/p/{process.slug}/ideen/idee/{idea.id}/unterstuetzen"
        codes = [client.post(url).status_code for _ in range(22)]
        assert codes[:20] == [303] * 20 and codes[-1] == 429


@pytest.mark.parametrize("bad", ["99999999999999999999", "2147483648", "²", "٣", "-1", "0"])
def test_impossible_comment_ids_are_refused_without_an_error(client, process, post_idea, bad):
    """Found by the hostile-input test: a reply to a comment id too large for the database."""
    idea = post_idea()
    url = f"/p/{process.slug}/ideen/idee/{idea.id}"
    assert client.get(f"{url}?antwort={bad}").status_code == 200
    token = form_token(client, url)
    response = client.post(
        url + "/kommentare", data={"text": "Antwort", "parent_id": bad, "form_token": token}
    )
    assert response.status_code == 422
    assert "Der Kommentar, auf den Sie antworten, fehlt." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(IdeaComment)) is None
