"""Demo data: the invented town of Rosenau in its participation phase, and a small quarter audit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import current_app

from participation.accounts import operations as accounts
from participation.accounts.models import Role
from participation.contributions.operations import add_event_note
from participation.extensions import db
from participation.processes import operations as processes
from participation.processes.models import AuditType, Municipality, Phase

DEMO_PASSWORD = "rosenau-demo-2026"

FAMILY_DISTRICTS = ["Altstadt", "Nordstadt", "Mühlbach", "Oberdorf", "Am Weinberg"]

# (target group code, district or None, text) — notes typed in from the citizens' workshop.
FAMILY_NOTES = [
    (
        "families",
        "Nordstadt",
        "Wir warten seit einem Jahr auf einen Krippenplatz. Ohne Oma könnte ich nicht arbeiten gehen.",
    ),
    (
        "families",
        "Altstadt",
        "Die Kita schließt um 15 Uhr, mein Dienst im Krankenhaus endet um 16 Uhr. Längere Öffnungszeiten wären eine große Hilfe.",
    ),
    (
        "families",
        None,
        "In den Sommerferien gibt es nur zwei Wochen Ferienbetreuung, wir Eltern haben aber nicht sechs Wochen Urlaub.",
    ),
    (
        "companies",
        None,
        "Als Handwerksbetrieb würden wir uns gern an einer gemeinsamen Betriebskita mit anderen Firmen beteiligen.",
    ),
    (
        "companies",
        "Mühlbach",
        "Flexible Arbeitszeiten bieten wir schon an, aber viele Beschäftigte wissen nichts von den Angeboten der Stadt für Familien.",
    ),
    (
        "families",
        "Oberdorf",
        "Der Spielplatz am Dorfanger ist kaputt, die Schaukel ist seit Monaten abgesperrt.",
    ),
    (
        "youth",
        "Nordstadt",
        "Wir Jugendlichen haben keinen Ort, wo wir abends hin können. Ein Jugendtreff mit WLAN wäre mega.",
    ),
    (
        "families",
        "Am Weinberg",
        "Der Schulweg an der Hauptstraße ist gefährlich, es fehlt ein Zebrastreifen vor der Grundschule.",
    ),
    (
        "youth",
        "Oberdorf",
        "Der letzte Bus aus der Stadt fährt um 19 Uhr, danach kommen wir nicht mehr nach Hause.",
    ),
    (
        "families",
        "Altstadt",
        "Bezahlbare Wohnungen für Familien mit drei Kindern gibt es in Rosenau kaum noch.",
    ),
    (
        "citizens",
        "Mühlbach",
        "Ein sicherer Radweg zwischen Mühlbach und der Innenstadt fehlt, die Kinder fahren auf der Landstraße.",
    ),
    (
        "families",
        None,
        "Die Grundschule braucht dringend mehr Schulsozialarbeit, die Klassen sind groß und manche Kinder kommen nicht mit.",
    ),
    (
        "associations",
        None,
        "Der Übergang von der Kita in die Schule klappt besser, wenn Erzieherinnen und Lehrkräfte sich regelmäßig austauschen.",
    ),
    (
        "families",
        "Nordstadt",
        "Die Stadtbücherei sollte auch samstags öffnen, unter der Woche schaffen wir es nicht.",
    ),
    (
        "youth",
        None,
        "In der Schule lernen wir nichts über Fake News und Datenschutz, ein Medienprojekt wäre cool.",
    ),
    (
        "associations",
        None,
        "Kinder mit Migrationsgeschichte brauchen mehr Sprachförderung schon in der Kita.",
    ),
    (
        "families",
        None,
        "Als alleinerziehende Mutter weiß ich oft nicht, welche Hilfen mir zustehen. Eine Beratungsstelle in der Nähe wäre gut.",
    ),
    (
        "associations",
        "Nordstadt",
        "Das Familienzentrum in der Nordstadt ist überlaufen, es braucht mehr Personal für die Erziehungsberatung.",
    ),
    (
        "families",
        None,
        "Nach der Geburt unseres Sohnes hätten wir uns einen Willkommensbesuch mit Infos zu Hebammen und Kinderarzt gewünscht.",
    ),
    (
        "associations",
        None,
        "Viele Familien kennen das Bildungs- und Teilhabepaket nicht, die Anträge sind zu kompliziert.",
    ),
    (
        "citizens",
        None,
        "Es gibt Familien in Rosenau, die sich das Mittagessen in der Schule nicht leisten können.",
    ),
    (
        "seniors",
        "Oberdorf",
        "Im Oberdorf fehlt ein Treffpunkt für Ältere, seit die Gaststätte zu ist, sind viele allein.",
    ),
    (
        "seniors",
        None,
        "Ein Mehrgenerationenhaus, in dem Jung und Alt sich begegnen, würde Rosenau guttun.",
    ),
    (
        "families",
        None,
        "Ich pflege meine Mutter und habe zwei Kinder. Beratung zur Pflege gibt es nur vormittags, wenn ich arbeite.",
    ),
    (
        "seniors",
        "Altstadt",
        "Betreutes Wohnen in der Altstadt wäre schön, damit man im Alter nicht wegziehen muss.",
    ),
    (
        "associations",
        None,
        "Eine Nachbarschaftshilfe, die Einkäufe für ältere Menschen übernimmt, könnten wir als Verein organisieren.",
    ),
    (
        "citizens",
        None,
        "Die Informationen über Angebote für Familien sind auf viele Webseiten verteilt. Ein Familienportal mit allem an einem Ort fehlt.",
    ),
    (
        "associations",
        None,
        "Das Lokale Bündnis für Familie sollte sich regelmäßig mit der Verwaltung abstimmen, damit nicht alle aneinander vorbei planen.",
    ),
    (
        "citizens",
        None,
        "Bürgerbeteiligung sollte nicht nur einmal stattfinden. Sagt uns bitte auch, was aus unseren Vorschlägen wird.",
    ),
    (
        "families",
        None,
        "Das Bürgerbüro hat nur vormittags geöffnet. Für Berufstätige wären Termine am Abend oder am Samstag wichtig.",
    ),
    (
        "families",
        "Mühlbach",
        "Mein Sohn sitzt im Rollstuhl. Der Spielplatz und die Schule sind nicht barrierefrei.",
    ),
    (
        "associations",
        None,
        "Infoblätter der Stadt sollten auch in Leichter Sprache und auf Türkisch, Arabisch und Ukrainisch erscheinen.",
    ),
    (
        "youth",
        None,
        "An unserer Schule gibt es viel Mobbing, auch im Klassenchat. Es bräuchte mehr Prävention.",
    ),
    ("citizens", None, "Einfach mal Danke an alle, die sich hier engagieren!"),
    (
        "companies",
        None,
        "Wir suchen Auszubildende. Eine Ausbildungsmesse mit den Schulen würde Jugendlichen und Betrieben helfen.",
    ),
    (
        "seniors",
        None,
        "Viele Großeltern würden gern Leihoma oder Leihopa für Familien ohne Verwandte vor Ort werden.",
    ),
]

QUARTER_NOTES = [
    (
        "tenants",
        "Im Treppenhaus fehlt ein Aufzug, mit dem Kinderwagen und dem Rollator kommen wir kaum in den dritten Stock.",
    ),
    (
        "tenants",
        "Der Innenhof könnte ein Treffpunkt für alle sein, wenn es dort Bänke, Schatten und einen kleinen Spielbereich gäbe.",
    ),
    (
        "seniors",
        "Ein Nachbarschaftscafé im leeren Ladenlokal wäre schön, dort könnten sich Alt und Jung treffen.",
    ),
    ("families", "Die Beleuchtung auf dem Weg zur Bushaltestelle ist abends viel zu dunkel."),
    (
        "housing_company",
        "Wir planen die Sanierung von Block C und möchten die Grundrisse dabei für Familien und Ältere anpassen.",
    ),
    (
        "neighbourhood_services",
        "Eine regelmäßige Sprechstunde des Pflegedienstes im Quartier würde vielen älteren Mieterinnen helfen.",
    ),
    ("tenants", "Der Mieterbeirat wird zu spät informiert, wenn Bauarbeiten anstehen."),
    ("owners", "Die Müllplätze sind oft überfüllt, das zieht Ratten an."),
]


def _phase_dates(today: date) -> dict:
    start = today - timedelta(days=50)
    end = today + timedelta(days=40)
    return {
        Phase.START: (start - timedelta(days=120), start - timedelta(days=1)),
        Phase.PARTICIPATION: (start, end),
        Phase.ANALYSIS: (end + timedelta(days=1), end + timedelta(days=30)),
        Phase.GOAL_AGREEMENT: (end + timedelta(days=31), end + timedelta(days=60)),
    }


def load_demo() -> list[tuple[str, str]]:
    """Create the demo data and return (e-mail, role title) of the demo staff."""
    today = date.today()
    town = Municipality(name="Stadt Rosenau", state="Niedersachsen")
    family = processes.create_process(
        town,
        "Familiengerechte Kommune Rosenau",
        AuditType.FAMILY_MUNICIPALITY,
        phase=Phase.PARTICIPATION,
        phase_dates=_phase_dates(today),
        districts=FAMILY_DISTRICTS,
        slug="rosenau",
    )
    family.description = (
        "Rosenau will familiengerechter werden. Bis zum Ende der Beteiligungsphase fragen wir "
        "Familien, Kinder und Jugendliche, Vereine, Unternehmen und Ältere: Was brauchen Sie?"
    )
    housing = Municipality(name="Wohnbau Rosenau eG", state="Niedersachsen")
    quarter = processes.create_process(
        housing,
        "Generationengerechtes Wohnen im Quartier Sonnenhang",
        AuditType.HOUSING_QUARTER,
        phase=Phase.PARTICIPATION,
        phase_dates=_phase_dates(today),
        districts=["Sonnenhang Nord", "Sonnenhang Süd"],
        slug="sonnenhang",
    )
    _add_notes(family, [(tg, d, t) for tg, d, t in FAMILY_NOTES])
    _add_notes(quarter, [(tg, None, t) for tg, t in QUARTER_NOTES])

    staff = [
        ("admin@rosenau.example", "Anna Administratorin", Role.ADMIN),
        ("projektleitung@rosenau.example", "Petra Projektleitung", Role.LEAD),
        ("moderation@rosenau.example", "Moritz Moderation", Role.MODERATOR),
        ("audit@rosenau.example", "Aylin Auditorin", Role.AUDITOR),
    ]
    created = []
    for email, name, role in staff:
        user = accounts.create_user(email, name, DEMO_PASSWORD, is_admin=role is Role.ADMIN)
        if role is not Role.ADMIN:
            accounts.grant_role(user, family, role)
            accounts.grant_role(user, quarter, role)
        created.append((email, str(role.title)))
    db.session.flush()
    for loader in current_app.extensions.get("demo_loaders", []):
        for process in (family, quarter):
            loader(process)
    db.session.commit()
    return created


def _add_notes(process, notes) -> None:
    groups = {g.code: g for g in process.target_groups}
    districts = {d.name: d for d in process.districts}
    now = datetime.now(UTC)
    for number, (group, district, text) in enumerate(notes, start=1):
        add_event_note(
            process,
            "Bürgerwerkstatt",
            text,
            target_group=groups.get(group),
            district=districts.get(district) if district else None,
            created_at=now - timedelta(days=40, hours=number),
        )
