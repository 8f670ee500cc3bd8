"""The accessibility statement has what BITV 2.0 asks of German public bodies."""


def test_statement_has_date_method_contact_and_enforcement(client):
    body = client.get("/barrierefreiheit").get_data(as_text=True)
    assert "Erklärung zur Barrierefreiheit" in body
    assert "22.11.2026" in body  # date of the statement
    assert "Selbstbewertung" in body  # method of assessment
    assert 'href="mailto:barrierefreiheit@rosenau.example"' in body  # feedback contact
    assert "Schlichtungsstelle" in body and "Durchsetzungsverfahren" in body


def test_statement_takes_the_municipalitys_settings(make_app):
    app = make_app(
        ACCESSIBILITY_CONTACT_EMAIL="a11y@musterstadt.example",
        ACCESSIBILITY_ENFORCEMENT_BODY="Ombudsstelle für barrierefreie Informationstechnik NRW",
        ACCESSIBILITY_STATEMENT_DATE="2027-01-15",
    )
    body = app.test_client().get("/barrierefreiheit").get_data(as_text=True)
    assert "a11y@musterstadt.example" in body and "Ombudsstelle" in body
    assert "15.01.2027" in body
