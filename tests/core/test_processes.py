import pytest

from participation.accounts.models import Role
from participation.extensions import db
from participation.processes import operations
from participation.processes.models import AuditType, DistrictKind, Process


def test_family_process_gets_the_six_fields_and_four_themes(factory):
    process = factory.process()
    assert [f.code for f in process.fields_of_action] == ["HF1", "HF2", "HF3", "HF4", "HF5", "HF6"]
    assert [t.code for t in process.themes] == ["QT1", "QT2", "QT3", "QT4"]
    assert "youth" in [g.code for g in process.target_groups]
    assert process.frame_name == "family"


def test_quarter_process_has_its_own_frame_and_target_groups(factory):
    process = factory.process("Quartier", audit_type=AuditType.HOUSING_QUARTER)
    assert [f.name for f in process.fields_of_action] == [
        "Steuerung, Vernetzung und Nachhaltigkeit",
        "Wohnen",
        "Wohnumfeld",
        "Soziale Infrastruktur",
    ]
    assert "tenants" in [g.code for g in process.target_groups]
    assert process.frame_name == "quarter"


def test_district_audit_keeps_member_municipalities(factory):
    process = factory.process(
        "Kreis", audit_type=AuditType.FAMILY_DISTRICT, districts=["Adorf", "Bedorf"]
    )
    assert [d.kind for d in process.districts] == [DistrictKind.MEMBER_MUNICIPALITY] * 2
    assert process.district_label == "Gemeinde"


def test_rename_keeps_code_and_custom_theme_gets_new_code(factory):
    process = factory.process()
    field = process.field_by_code("HF5")
    operations.rename_reference(field, "Wohnen, Freizeit und Mobilität")
    theme = operations.add_custom_theme(process, "Digitalisierung")
    db.session.commit()
    assert process.field_by_code("HF5").name == "Wohnen, Freizeit und Mobilität"
    assert theme.code == "QTX1" and theme.is_custom
    with pytest.raises(operations.ProcessError):
        operations.add_custom_theme(process, "digitalisierung")


def test_recertification_carries_over_reference_data(factory):
    first = factory.process(districts=["Altstadt"])
    operations.rename_reference(first.field_by_code("HF1"), "Steuerung")
    db.session.commit()
    second = factory.process("Re-Zertifizierung", predecessor=first)
    assert second.predecessor_id == first.id and second.is_recertification
    assert second.field_by_code("HF1").name == "Steuerung"
    assert [d.name for d in second.districts] == ["Altstadt"]


def test_recertification_must_keep_audit_type(factory):
    first = factory.process()
    with pytest.raises(operations.ProcessError):
        factory.process("X", audit_type=AuditType.HOUSING_QUARTER, predecessor=first)


def test_lead_renames_field_through_settings(client, factory, auth):
    process = factory.process()
    factory.user(process=process)
    auth.login()
    field = process.field_by_code("HF2")
    response = client.post(
        f"/staff/p/{process.slug}/settings/rename/field/{field.id}",
        data={"rename-name": "Betreuung und Beruf"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(field), field.id).name == "Betreuung und Beruf"


def test_empty_rename_is_refused_and_keeps_old_name(client, factory, auth):
    process = factory.process()
    factory.user(process=process)
    auth.login()
    field = process.field_by_code("HF2")
    old = field.name
    response = client.post(
        f"/staff/p/{process.slug}/settings/rename/field/{field.id}", data={"rename-name": "  "}
    )
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(type(field), field.id).name == old


def test_field_of_another_process_cannot_be_renamed(client, factory, auth):
    mine, other = factory.process("A"), factory.process("B")
    factory.user(process=mine)
    auth.login()
    foreign = other.field_by_code("HF1")
    response = client.post(
        f"/staff/p/{mine.slug}/settings/rename/field/{foreign.id}", data={"rename-name": "X"}
    )
    assert response.status_code == 404


def test_admin_creates_recertification_in_form(client, factory, auth):
    first = factory.process()
    factory.user("admin@test.example", role=Role.ADMIN)
    auth.login("admin@test.example")
    response = client.post(
        "/staff/processes/new",
        data={
            "municipality": "Teststadt",
            "name": "Re-Zertifizierung 2029",
            "audit_type": "family_municipality",
            "predecessor": first.slug,
            "districts": "",
        },
    )
    assert response.status_code == 302
    created = db.session.query(Process).filter_by(name="Re-Zertifizierung 2029").one()
    assert created.predecessor_id == first.id


def test_phase_end_before_start_refused(client, factory, auth):
    process = factory.process()
    factory.user(process=process)
    auth.login()
    response = client.post(
        f"/staff/p/{process.slug}/settings/phase",
        data={
            "phase-phase": "participation",
            "phase-starts_on": "2026-10-01",
            "phase-ends_on": "2026-09-01",
        },
    )
    assert response.status_code == 422
    assert "nicht vor ihrem Beginn" in response.get_data(as_text=True)


def test_reference_names_are_stored_in_german_whatever_the_browser_language(make_app):
    from participation.accounts.models import Role
    from tests.conftest import Factory

    app = make_app()
    with app.app_context():
        Factory().user("admin@test.example", role=Role.ADMIN)
        client = app.test_client()
        client.post(
            "/staff/login",
            data={"email": "admin@test.example", "password": "ein-sicheres-testpasswort"},
        )
        for language in ("en", "ls"):
            response = client.post(
                f"/staff/processes/new?lang={language}",
                data={
                    "municipality": "Teststadt",
                    "name": f"Audit {language}",
                    "audit_type": "family_municipality",
                    "predecessor": "",
                    "districts": "",
                },
            )
            assert response.status_code == 302
            process = db.session.query(Process).filter_by(name=f"Audit {language}").one()
            names = [g.name for g in process.target_groups]
            assert "Familien und Eltern" in names
