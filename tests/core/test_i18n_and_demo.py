from participation.contributions.models import Contribution
from participation.extensions import db
from participation.processes.models import Process


def test_german_is_the_default(client):
    body = client.get("/").get_data(as_text=True)
    assert 'lang="de"' in body and "Machen Sie mit" in body


def test_accept_language_is_respected(client):
    body = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in body and "Take part" in body


def test_language_switch_is_remembered(client):
    response = client.get("/sprache/en?next=/datenschutz")
    assert response.status_code == 302 and response.headers["Location"].endswith("/datenschutz")
    body = client.get("/").get_data(as_text=True)
    assert 'lang="en"' in body
    client.get("/sprache/de?next=/")
    assert 'lang="de"' in client.get("/").get_data(as_text=True)


def test_language_switch_refuses_foreign_redirect(client):
    response = client.get("/sprache/en?next=//evil.example/")
    assert response.headers["Location"].endswith("/")
    assert "evil" not in response.headers["Location"]


def test_unknown_language_is_404(client):
    assert client.get("/sprache/xx").status_code == 404


def test_setup_command_loads_demo_once(runner):
    result = runner.invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    assert "projektleitung@rosenau.example" in result.output
    processes = db.session.query(Process).all()
    assert {p.slug for p in processes} == {"rosenau", "sonnenhang"}
    assert db.session.query(Contribution).count() >= 30
    again = runner.invoke(args=["setup"])
    assert "auf dem neuesten Stand" in again.output
    assert "Demo-Anmeldung" in again.output and "projektleitung@rosenau.example" in again.output
    assert db.session.query(Process).count() == 2


def test_demo_process_home_is_public(client, runner):
    runner.invoke(args=["setup"])
    body = client.get("/p/rosenau/").get_data(as_text=True)
    assert "Familiengerechte Kommune Rosenau" in body
    assert "Beteiligungsphase" in body


def test_leichte_sprache_has_its_own_texts_but_german_formats(client):
    body = client.get("/?lang=ls").get_data(as_text=True)
    assert 'lang="de"' in body
    assert "Ihre Stadt soll besser für Familien werden" in body
    assert 'aria-current="true">Leichte Sprache' in body


def test_arabic_is_right_to_left(client):
    body = client.get("/?lang=ar").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in body
