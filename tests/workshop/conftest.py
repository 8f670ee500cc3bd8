"""Fixtures for the workshop board: processes with a small set of contributions."""

from __future__ import annotations

import pytest

from participation.accounts.models import Role
from participation.contributions.operations import add_event_note
from participation.extensions import db
from participation.processes.models import AuditType

# (target group code, district or None, text) — invented answers from "Rosenau".
FAMILY_TEXTS = [
    (
        "families",
        "Altstadt",
        "Die Kita im Zentrum schließt schon um 14 Uhr, das passt nicht zu unserer Arbeit.",
    ),
    ("families", "Nordstadt", "Wir finden keinen Krippenplatz, die Warteliste ist endlos."),
    (
        "families",
        "Nordstadt",
        "Längere Öffnungszeiten in der Kita würden uns Eltern sehr entlasten.",
    ),
    (
        "companies",
        None,
        "Unser Betrieb würde eine gemeinsame Betriebskita mit Nachbarfirmen unterstützen.",
    ),
    (
        "families",
        "Mühlbach",
        "In den Ferien fehlt eine verlässliche Ferienbetreuung für Grundschulkinder.",
    ),
    ("youth", "Oberdorf", "Der Spielplatz am Bach ist kaputt und seit Wochen gesperrt."),
    ("youth", "Nordstadt", "Wir brauchen einen Jugendtreff, wo wir abends hingehen können."),
    ("families", "Altstadt", "Der Radweg zur Schule ist gefährlich, es fehlt ein Zebrastreifen."),
    ("citizens", "Oberdorf", "Der Bus fährt abends nicht mehr ins Oberdorf."),
    ("families", "Am Weinberg", "Bezahlbare Wohnungen für große Familien fehlen in Rosenau."),
    ("families", None, "Die Grundschule braucht mehr Schulsozialarbeit und kleinere Klassen."),
    ("associations", None, "Sprachförderung in der Kita hilft Kindern beim Start in die Schule."),
    ("youth", None, "In der Schule sollten wir mehr über Medienkompetenz lernen."),
    ("families", None, "Die Bibliothek sollte auch am Samstag geöffnet haben."),
    ("families", None, "Als Alleinerziehende brauche ich eine Beratungsstelle in der Nähe."),
    (
        "associations",
        "Nordstadt",
        "Die Erziehungsberatung im Familienzentrum hat monatelange Wartezeiten.",
    ),
    ("families", None, "Ein Willkommensbesuch nach der Geburt mit Infos zu Hebammen wäre schön."),
    ("seniors", "Oberdorf", "Für ältere Menschen fehlt ein Treffpunkt gegen die Einsamkeit."),
    ("seniors", None, "Ein Mehrgenerationenhaus für Jung und Alt wäre eine Bereicherung."),
    ("seniors", "Altstadt", "Betreutes Wohnen in der Altstadt würde vielen Senioren helfen."),
    ("citizens", None, "Ein Familienportal mit allen Angeboten an einem Ort fehlt."),
    (
        "associations",
        None,
        "Das Bündnis für Familie sollte sich besser mit der Verwaltung vernetzen.",
    ),
    ("citizens", None, "Vielen Dank für die Umfrage!"),
    (
        "families",
        "Mühlbach",
        "Der Spielplatz ist nicht barrierefrei, mein Sohn sitzt im Rollstuhl.",
    ),
]


def add_texts(process, texts):
    groups = {g.code: g for g in process.target_groups}
    districts = {d.name: d for d in process.districts}
    for group, district, text in texts:
        add_event_note(
            process,
            "Bürgerwerkstatt",
            text,
            target_group=groups.get(group),
            district=districts.get(district) if district else None,
        )
    db.session.commit()


@pytest.fixture(autouse=True)
def model_dir(app, tmp_path):
    """Keep each test's trained models apart (SQLite may reuse process ids)."""
    app.config["NLP_MODEL_DIR"] = str(tmp_path / "models")
    return tmp_path / "models"


@pytest.fixture
def family(factory):
    process = factory.process(
        "Familiengerechte Kommune Rosenau",
        districts=["Altstadt", "Nordstadt", "Mühlbach", "Oberdorf", "Am Weinberg"],
    )
    add_texts(process, FAMILY_TEXTS)
    return process


@pytest.fixture
def lead(factory, family):
    return factory.user("lead@test.example", role=Role.LEAD, process=family)


@pytest.fixture
def quarter(factory):
    process = factory.process(
        "Quartier Sonnenhang", audit_type=AuditType.HOUSING_QUARTER, districts=["Nord", "Süd"]
    )
    add_texts(
        process,
        [
            ("tenants", "Nord", "Im Haus fehlt ein Aufzug, mit Rollator kommen wir nicht hoch."),
            ("tenants", "Süd", "Der Innenhof braucht Bänke und Schatten."),
            ("seniors", None, "Ein Nachbarschaftscafé wäre ein guter Treffpunkt."),
            ("families", "Nord", "Der Weg zur Haltestelle ist abends zu dunkel."),
            (
                "housing_company",
                None,
                "Bei der Sanierung passen wir die Grundrisse für Familien an.",
            ),
            ("tenants", None, "Der Mieterbeirat wird zu spät über Bauarbeiten informiert."),
        ],
    )
    return process


@pytest.fixture
def county(factory):
    from participation.processes.models import AuditType

    process = factory.process(
        "Familiengerechter Kreis Rosenland",
        audit_type=AuditType.FAMILY_DISTRICT,
        districts=["Gemeinde Auental", "Gemeinde Birkenhain", "Stadt Rosenau"],
    )
    add_texts(
        process,
        [
            ("families", "Gemeinde Auental", "In Auental gibt es keine Kita mit Ganztagsplätzen."),
            ("families", "Gemeinde Auental", "Die Kita in Auental hat zu kurze Öffnungszeiten."),
            ("youth", "Gemeinde Birkenhain", "Der Bus nach Birkenhain fährt nur zweimal am Tag."),
            ("seniors", "Stadt Rosenau", "Es fehlen Pflegeplätze für Senioren im Kreis."),
            (
                "families",
                "Stadt Rosenau",
                "Die Erziehungsberatung des Kreises ist schwer erreichbar.",
            ),
        ],
    )
    return process
