"""One process of each audit type: the right coding frame in forms, NLP output and exports."""

import io

import pytest
from openpyxl import load_workbook

from participation.accounts.models import Role
from participation.contributions.operations import add_event_note
from participation.extensions import db
from participation.ideas import operations as ideas
from participation.processes.models import AuditType
from participation.surveys import operations as surveys
from participation.workshop import operations as workshop

QUARTER_NOTES = [
    "Im Treppenhaus fehlt ein Aufzug, mit dem Rollator kommen wir nicht in den dritten Stock.",
    "Die Nebenkosten für die Heizung sind viel zu hoch, die Fenster sind undicht.",
    "Der Innenhof braucht Bänke, Schatten und einen Sandkasten für die Kleinen.",
    "Abends ist der Weg zur Bushaltestelle dunkel, es fehlt Beleuchtung.",
    "Ein Nachbarschaftstreff mit Café wäre schön, damit sich die Nachbarn kennenlernen.",
    "Ein Pflegedienst mit Sprechstunde im Quartier würde den Älteren helfen.",
]
FIELD_NAMES = {
    AuditType.FAMILY_MUNICIPALITY: ("Bildung und Erziehung", "Senioren und Generationen"),
    AuditType.FAMILY_DISTRICT: ("Bildung und Erziehung", "Senioren und Generationen"),
    AuditType.HOUSING_QUARTER: ("Wohnumfeld", "Soziale Infrastruktur"),
}


@pytest.mark.parametrize("audit_type", list(AuditType))
def test_forms_show_the_frame_of_the_audit_type(client, factory, auth, audit_type):
    process = factory.process(
        f"Verfahren {audit_type.value}", audit_type=audit_type, districts=["Adorf", "Bedorf"]
    )
    factory.user(process=process)
    board = ideas.create_board(process, "Ideen")
    survey = surveys.create_survey(process, "Befragung", first_section="Teil 1")
    question = surveys.add_question(survey.sections[0], "long_text", "Was wünschen Sie sich?")
    db.session.commit()
    idea_form = client.get(f"/p/{process.slug}/ideen/{board.id}/neu").get_data(as_text=True)
    auth.login()
    editor = client.get(
        f"/staff/p/{process.slug}/surveys/{survey.id}/questions/{question.id}"
    ).get_data(as_text=True)
    for name in FIELD_NAMES[audit_type]:
        assert name in idea_form and name in editor
    assert process.district_label in idea_form
    other = AuditType.HOUSING_QUARTER if audit_type is not AuditType.HOUSING_QUARTER else None
    if other:
        assert "Soziale Infrastruktur" not in idea_form


def test_quarter_process_is_sorted_and_exported_in_its_own_frame(client, factory, auth):
    process = factory.process("Quartier Sonnenhang", audit_type=AuditType.HOUSING_QUARTER)
    tenants = next(g for g in process.target_groups if g.code == "tenants")
    for text in QUARTER_NOTES * 2:
        add_event_note(process, "Quartiersfest", text, target_group=tenants)
    factory.user(process=process, role=Role.LEAD)
    run = workshop.start_run(process)
    db.session.commit()
    workshop.execute_run(run.id)
    from participation.workshop.models import Assignment

    codes = {a.field_code for a in db.session.query(Assignment).filter_by(process_id=process.id)}
    assert codes and codes <= {"WQ1", "WQ2", "WQ3", "WQ4", "sonstiges"}
    assert len(codes - {"sonstiges"}) >= 2
    auth.login()
    data = client.get(f"/staff/p/{process.slug}/workshop/export.xlsx").data
    sheets = load_workbook(io.BytesIO(data)).sheetnames
    assert any("Wohnumfeld" in s for s in sheets)
    assert not any("Senioren" in s for s in sheets)
