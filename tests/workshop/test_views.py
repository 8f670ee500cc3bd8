"""The board over HTTP: pages, corrections, roles, quarter and district processes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation.accounts.models import AuditLogEntry, Role
from participation.contributions.models import Contribution
from participation.extensions import db
from participation.workshop.models import AnalysisRun, Assignment, RunStatus, Subtopic

WORKSHOP = "/staff/p/{slug}/workshop"


def board_urls(app, slug):
    """Every workshop URL with dummy ids, as (method, path, permission)."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("workshop."):
            path = rule.rule.replace("<process_slug>", slug)
            path = path.replace("<int:assignment_id>", "999999").replace(
                "<int:subtopic_id>", "999999"
            )
            path = path.replace("<int:run_id>", "999999").replace("<field_code>", "XX")
            method = "GET" if "GET" in rule.methods else "POST"
            yield method, path, app.view_functions[rule.endpoint].required_permission


def run_analysis(client, process):
    response = client.post(f"{WORKSHOP.format(slug=process.slug)}/runs")
    assert response.status_code == 302
    db.session.expire_all()
    run = db.session.scalar(select(AnalysisRun).where(AnalysisRun.process_id == process.id))
    assert run.status is RunStatus.DONE, run.error
    return run


def test_dashboard_lists_the_board(client, auth, family, lead):
    auth.login()
    page = client.get(f"/staff/p/{family.slug}/").get_data(as_text=True)
    assert "Workshop-Board" in page


def test_board_before_and_after_the_first_run(client, auth, family, lead):
    auth.login()
    base = WORKSHOP.format(slug=family.slug)
    page = client.get(f"{base}/").get_data(as_text=True)
    assert "Noch keine Analyse" in page and "24 Beiträge sind neu" in page
    run = run_analysis(client, family)
    progress = client.get(f"{base}/runs/{run.id}").get_data(as_text=True)
    assert "fertig" in progress and 'value="100"' in progress
    page = client.get(f"{base}/").get_data(as_text=True)
    assert "Familie und Arbeitswelt, Betreuung" in page
    assert "Bildung und Erziehung" in page
    assert "Nordstadt" in page and "Stadtteil / Ortsteil" in page  # district breakdown
    assert "Inklusion" in page  # theme filter
    for code in ("HF1", "HF2", "HF5"):
        assert client.get(f"{base}/field/{code}").status_code == 200
    assert client.get(f"{base}/field/XX").status_code == 404


def test_board_uses_the_process_names_and_filters(client, auth, family, lead):
    family.field_by_code("HF2").name = "Kinderbetreuung in Rosenau"
    db.session.commit()
    auth.login()
    run_analysis(client, family)
    base = WORKSHOP.format(slug=family.slug)
    assert "Kinderbetreuung in Rosenau" in client.get(f"{base}/").get_data(as_text=True)
    altstadt = next(d for d in family.districts if d.name == "Altstadt")
    filtered = client.get(f"{base}/field/HF2?district={altstadt.id}").get_data(as_text=True)
    assert "schließt schon um 14 Uhr" in filtered
    assert "Krippenplatz" not in filtered  # Nordstadt
    themed = client.get(f"{base}/field/HF5?theme=QT2").get_data(as_text=True)
    assert "Rollstuhl" in themed and "Jugendtreff" not in themed
    # Unknown filter values are ignored, not errors.
    assert client.get(f"{base}/?district=abc&theme=<x>&source=nope").status_code == 200


def test_corrections_over_http(client, auth, family, lead):
    auth.login()
    run_analysis(client, family)
    base = WORKSHOP.format(slug=family.slug)
    bus = db.session.scalar(
        select(Assignment).join(Contribution).where(Contribution.text.startswith("Der Bus"))
    )
    page = client.get(f"{base}/contribution/{bus.id}")
    assert page.status_code == 200 and "Zuordnung bestätigen" in page.get_data(as_text=True)

    response = client.post(f"{base}/contribution/{bus.id}/field", data={"field-field_code": "HF1"})
    assert response.status_code == 302
    bad = client.post(f"{base}/contribution/{bus.id}/field", data={"field-field_code": "HF9"})
    assert bad.status_code == 422 and 'class="error"' in bad.get_data(as_text=True)
    response = client.post(
        f"{base}/contribution/{bus.id}/themes", data={"themes-themes": ["QT2", "QT4"]}
    )
    assert response.status_code == 302
    db.session.expire_all()
    bus = db.session.get(Assignment, bus.id)
    assert bus.field_code == "HF1" and bus.theme_codes == ["QT2", "QT4"] and bus.confirmed

    sub = db.session.scalars(select(Subtopic).where(Subtopic.process_id == family.id)).first()
    assert (
        client.post(f"{base}/subtopic/{sub.id}/rename", data={"rename-name": ""}).status_code == 422
    )
    assert (
        client.post(
            f"{base}/subtopic/{sub.id}/rename", data={"rename-name": "Mein Name"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{base}/contribution/{bus.id}/subtopic", data={"move-subtopic": sub.id}
        ).status_code
        == 302
    )
    assert client.post(f"{base}/contribution/{bus.id}/pin", data={"pinned": "1"}).status_code == 302
    page = client.get(f"{base}/subtopic/{sub.id}").get_data(as_text=True)
    assert "Mein Name" in page and "Der Bus fährt" in page
    split = client.post(f"{base}/subtopic/{sub.id}/split", data={"split-name": "Neu"})
    assert split.status_code == 422
    split = client.post(
        f"{base}/subtopic/{sub.id}/split",
        data={"split-name": "Abends", "split-assignments": [bus.id]},
    )
    assert split.status_code == 302

    page = client.get(f"{base}/").get_data(as_text=True)
    assert "lead: 1 bestätigt" in page
    actions = set(db.session.scalars(select(AuditLogEntry.action)))
    assert {
        "workshop_field_corrected",
        "workshop_themes_corrected",
        "workshop_subtopic_renamed",
    } <= actions

    review = client.get(f"{base}/review").get_data(as_text=True)
    assert "Vorschlag bestätigen" in review and "Der Bus fährt" not in review


def test_other_process_ids_are_404(client, auth, factory, family, lead):
    auth.login()
    run_analysis(client, family)
    other = factory.process("Andere Stadt")
    factory.user("lead2@test.example", role=Role.LEAD, process=other)
    assignment = db.session.scalars(select(Assignment)).first()
    sub = db.session.scalars(select(Subtopic)).first()
    auth.logout()
    auth.login("lead2@test.example")
    base = WORKSHOP.format(slug=other.slug)
    assert client.get(f"{base}/contribution/{assignment.id}").status_code == 404
    assert client.get(f"{base}/subtopic/{sub.id}").status_code == 404
    assert client.post(f"{base}/contribution/{assignment.id}/confirm").status_code == 404


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.AUDITOR, {"view"}),
        (Role.MODERATOR, {"view", "moderate"}),
        (Role.LEAD, {"view", "moderate", "manage", "export"}),
    ],
)
def test_every_board_url_checks_the_role(client, auth, app, factory, family, role, allowed):
    factory.user("staff@test.example", role=role, process=family)
    for method, path, _permission in board_urls(app, family.slug):
        response = client.open(path, method=method)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"], path
    auth.login("staff@test.example")
    for method, path, permission in board_urls(app, family.slug):
        response = client.open(path, method=method)
        if permission.value in allowed:
            assert response.status_code in (200, 302, 404), (path, response.status_code)
        else:
            assert response.status_code == 403, path


def test_quarter_process_shows_its_four_fields(client, auth, factory, quarter):
    factory.user("q@test.example", role=Role.LEAD, process=quarter)
    auth.login("q@test.example")
    run_analysis(client, quarter)
    page = client.get(f"{WORKSHOP.format(slug=quarter.slug)}/").get_data(as_text=True)
    for field in quarter.fields_of_action:
        assert field.name in page
    assert "HF1" not in page and "WQ4" in page


def test_district_process_breaks_down_by_member_municipality(client, auth, factory, county):
    factory.user("k@test.example", role=Role.LEAD, process=county)
    auth.login("k@test.example")
    run_analysis(client, county)
    base = WORKSHOP.format(slug=county.slug)
    page = client.get(f"{base}/").get_data(as_text=True)
    assert "Nach Gemeinde" in page and "Gemeinde Auental" in page and "Gemeinde Birkenhain" in page
    auental = next(d for d in county.districts if d.name == "Gemeinde Auental")
    filtered = client.get(f"{base}/field/HF2?district={auental.id}").get_data(as_text=True)
    assert "Ganztagsplätzen" in filtered and "Birkenhain" not in filtered.split("Alle Beiträge")[1]


def test_recertification_comparison(client, auth, factory, family, lead):
    auth.login()
    run_analysis(client, family)
    successor = factory.process("Rosenau Re-Zertifizierung", predecessor=family)
    factory.user("lead@test.example".replace("lead", "lead3"), role=Role.LEAD, process=successor)
    from tests.workshop.conftest import add_texts

    add_texts(successor, [("families", None, "Die Kita-Öffnungszeiten sind immer noch zu kurz.")])
    auth.logout()
    auth.login("lead3@test.example")
    run_analysis(client, successor)
    page = client.get(f"{WORKSHOP.format(slug=successor.slug)}/comparison").get_data(as_text=True)
    assert "Damals" in page and "Jetzt" in page and "100.0 %" in page
    alone = client.get(f"{WORKSHOP.format(slug=family.slug)}/comparison")
    assert alone.status_code == 403  # lead3 has no role in the first process
