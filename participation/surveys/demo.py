"""Demo surveys: the four surveys of Rosenau's participation phase and a tenants' survey.

Built with the same operations staff and participants use, so demo responses also become
contributions. Random but reproducible (fixed seed per survey).
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from participation.database import utcnow
from participation.processes.models import AuditType, Process
from participation.surveys import operations
from participation.surveys.answers import OTHER
from participation.surveys.models import (
    AccessMode,
    QuestionType,
    ResponseChannel,
    SurveyState,
)

T = QuestionType
AGREE = [
    "trifft gar nicht zu",
    "trifft eher nicht zu",
    "teils, teils",
    "trifft eher zu",
    "trifft voll zu",
]
GRADES = ["sehr schlecht", "schlecht", "mittel", "gut", "sehr gut"]
SATISFIED = [
    "sehr unzufrieden",
    "eher unzufrieden",
    "teils, teils",
    "eher zufrieden",
    "sehr zufrieden",
]
HEARD = [
    "Kita oder Schule",
    "Zeitung",
    "Homepage der Stadt",
    "Social Media",
    "Freunde und Bekannte",
    "Plakat",
]

FAMILIES = {
    "title": "Familienbefragung Rosenau 2026",
    "group": "families",
    "intro": "Liebe Eltern, liebe Familien,\n\nRosenau will familiengerechter werden. Ihre Erfahrungen "
    "zeigen uns, wo es gut läuft und wo nicht. Das Ausfüllen dauert etwa zehn Minuten.",
    "sections": [
        (
            "Ihre Familie",
            [
                {
                    "key": "district",
                    "type": T.DISTRICT,
                    "text": "In welchem Stadtteil wohnen Sie?",
                    "required": True,
                },
                {
                    "type": T.NUMBER,
                    "text": "Wie viele Kinder unter 18 Jahren leben in Ihrem Haushalt?",
                    "required": True,
                    "number": (0, 12),
                    "values": [1, 1, 2, 2, 2, 3, 4],
                },
                {
                    "type": T.MULTIPLE_CHOICE,
                    "text": "Wie alt sind Ihre Kinder?",
                    "options": [
                        "unter 3 Jahre",
                        "3 bis 6 Jahre",
                        "Grundschulalter",
                        "10 bis 14 Jahre",
                        "15 bis 17 Jahre",
                    ],
                },
                {
                    "type": T.SINGLE_CHOICE,
                    "text": "Wie ist Ihre Familie zusammengesetzt?",
                    "options": [
                        "Paar mit Kindern",
                        "alleinerziehend",
                        "Patchworkfamilie",
                        "mit Großeltern im Haushalt",
                    ],
                    "other": True,
                    "other_texts": [
                        "Pflegefamilie",
                        "Wechselmodell, die Kinder sind jede zweite Woche bei uns",
                    ],
                },
                {
                    "key": "care",
                    "type": T.YES_NO,
                    "text": "Besucht eines Ihrer Kinder eine Kita, Krippe oder Tagespflege?",
                    "fields": ["HF2"],
                },
            ],
        ),
        (
            "Betreuung und Beruf",
            [
                {
                    "type": T.SCALE,
                    "text": "Wie zufrieden sind Sie mit den Öffnungszeiten der Betreuung?",
                    "labels": SATISFIED,
                    "fields": ["HF2"],
                    "cond": ("care", "yes"),
                },
                {
                    "type": T.MULTIPLE_CHOICE,
                    "text": "Welche Betreuungsangebote fehlen Ihnen?",
                    "options": [
                        "Krippenplätze",
                        "längere Öffnungszeiten",
                        "Ferienbetreuung",
                        "Betreuung am Nachmittag (OGS)",
                        "Notfallbetreuung bei Krankheit",
                    ],
                    "other": True,
                    "fields": ["HF2"],
                    "other_texts": [
                        "Betreuung in den Randzeiten für Schichtarbeit",
                        "Eine Tagesmutter in Oberdorf",
                        "Betreuung am Samstag",
                        "Plätze für Kinder mit Förderbedarf",
                    ],
                },
                {
                    "type": T.LONG_TEXT,
                    "text": "Was würde Ihnen helfen, Familie und Beruf besser zu vereinbaren?",
                    "fields": ["HF2"],
                    "texts": [
                        "Die Kita schließt um 15 Uhr, ich arbeite bis 16:30 Uhr. Jeden Tag muss die Oma einspringen.",
                        "Mehr Homeoffice wäre toll, aber das liegt nicht an der Stadt. Von der Stadt wünsche ich mir verlässliche Ferienbetreuung für alle sechs Wochen.",
                        "Wir haben drei Jahre auf einen Krippenplatz gewartet. Ich konnte erst viel später wieder in meinen Beruf zurück.",
                        "Eine Betreuung, die auch mal spontan hilft, wenn das Kind krank ist und wir beide arbeiten müssen.",
                        "Als Pflegekraft im Schichtdienst finde ich keine Betreuung für den Frühdienst ab 6 Uhr.",
                        "Die OGS ist voll. Unsere Tochter steht auf der Warteliste, obwohl wir beide Vollzeit arbeiten.",
                        "Ein Überblick, welche Arbeitgeber in Rosenau flexible Arbeitszeiten anbieten, würde bei der Jobsuche helfen.",
                        "Termine beim Bürgerbüro nach 17 Uhr, damit man nicht extra Urlaub nehmen muss.",
                        "Schulbeginn und Kitaöffnung sind nicht abgestimmt. Morgens hetzen wir zwischen zwei Einrichtungen hin und her.",
                        "Mehr Tagespflegepersonen in den Ortsteilen, damit man nicht jeden Tag in die Stadt fahren muss.",
                        "Ich bin alleinerziehend. Ohne Hortplatz kann ich nur halbtags arbeiten, und das Geld reicht nicht.",
                        "Vielleicht eine gemeinsame Betriebskita mehrerer Firmen im Gewerbegebiet?",
                    ],
                },
            ],
        ),
        (
            "Leben in Rosenau",
            [
                {
                    "type": T.MATRIX,
                    "text": "Wie bewerten Sie diese Angebote in Rosenau?",
                    "labels": GRADES,
                    "fields": ["HF1", "HF3", "HF4", "HF5", "HF6"],
                    "options": [
                        "Spielplätze und Grünflächen",
                        "Schulen und Bildungsangebote",
                        "Beratung und Hilfe für Familien",
                        "Treffpunkte für Jung und Alt",
                        "Informationen der Stadt über Angebote für Familien",
                        "Sichere Schul- und Radwege",
                    ],
                },
                {
                    "type": T.RANKING,
                    "text": "Was sollte Rosenau zuerst angehen? Bitte bringen Sie die Themen in eine Reihenfolge.",
                    "fields": ["HF2", "HF3", "HF4", "HF5"],
                    "options": [
                        "mehr Betreuungsplätze",
                        "bezahlbarer Wohnraum",
                        "bessere Schulen",
                        "sichere Wege für Kinder",
                        "Beratung für Familien",
                    ],
                },
                {
                    "type": T.YES_NO,
                    "text": "Kennen Sie das Familienzentrum in der Nordstadt?",
                    "fields": ["HF4"],
                },
                {
                    "type": T.SHORT_TEXT,
                    "text": "Wo in Rosenau halten Sie sich mit Ihren Kindern am liebsten auf?",
                    "fields": ["HF5"],
                    "texts": [
                        "Am Mühlbach-Spielplatz",
                        "Im Stadtpark",
                        "Freibad",
                        "Auf dem Wochenmarkt",
                        "Stadtbücherei",
                        "Am Weinberg beim Wandern",
                        "Waldspielplatz Oberdorf",
                        "Eisdiele in der Altstadt",
                        "Bolzplatz an der Schule",
                        "Bei Oma im Garten",
                    ],
                },
            ],
        ),
        (
            "Ihre Ideen",
            [
                {
                    "type": T.LONG_TEXT,
                    "text": "Was wünschen Sie sich für Familien in Rosenau? Was sollen wir unbedingt wissen?",
                    "fields": ["HF1", "HF4", "HF5", "HF6"],
                    "texts": [
                        "Ein Familienportal, auf dem alle Angebote stehen: Kitas, Vereine, Beratung, Ferienprogramm.",
                        "Mehr Bänke und Schatten auf den Spielplätzen, auch für die Großeltern, die mitkommen.",
                        "Der Zebrastreifen vor der Grundschule am Weinberg fehlt immer noch. Bitte endlich umsetzen!",
                        "Bezahlbare Wohnungen für Familien mit mehreren Kindern. Wir suchen seit zwei Jahren.",
                        "Ein Treffpunkt, an dem ältere Menschen und Familien zusammenkommen, zum Beispiel ein Mehrgenerationenhaus.",
                        "Beratung bei Erziehungsfragen auch am Abend oder online.",
                        "Infos auch in einfacher Sprache und auf Arabisch und Ukrainisch, viele Nachbarn verstehen die Briefe der Stadt nicht.",
                        "Der Bus nach Oberdorf fährt abends nicht mehr. Jugendliche kommen nicht nach Hause.",
                        "Ein Willkommenspaket für Neugeborene mit Infos zu Hebammen, Kinderärzten und Krabbelgruppen.",
                        "Mehr Mülleimer und sauberere Spielplätze, besonders in der Nordstadt.",
                        "Die Stadtbücherei sollte samstags geöffnet haben.",
                        "Barrierefreie Spielplätze, damit auch Kinder im Rollstuhl mitspielen können.",
                        "Ich pflege meinen Vater und habe zwei kleine Kinder. Eine Anlaufstelle, die beides zusammen denkt, wäre eine große Entlastung.",
                        "Danke, dass Sie uns fragen! Bitte berichten Sie auch, was aus den Ergebnissen wird.",
                    ],
                },
                {
                    "type": T.SINGLE_CHOICE,
                    "text": "Wie haben Sie von dieser Umfrage erfahren?",
                    "options": HEARD,
                    "fields": ["HF1"],
                },
            ],
        ),
    ],
}

YOUTH = {
    "title": "Jugendbefragung: Dein Rosenau",
    "group": "youth",
    "codes": "Klassen 8a und 8b, Realschule Rosenau",
    "intro": "Hallo! Wir wollen wissen, wie es dir in Rosenau geht und was dir fehlt. Die Umfrage ist "
    "anonym, niemand erfährt, was du angekreuzt hast. Du brauchst etwa acht Minuten.",
    "sections": [
        (
            "Über dich",
            [
                {
                    "type": T.NUMBER,
                    "text": "Wie alt bist du?",
                    "required": True,
                    "number": (8, 27),
                    "values": [12, 13, 13, 14, 14, 15, 16, 17],
                },
                {"key": "district", "type": T.DISTRICT, "text": "Wo wohnst du?"},
                {
                    "type": T.SINGLE_CHOICE,
                    "text": "Wie kommst du meistens zur Schule?",
                    "options": [
                        "zu Fuß",
                        "mit dem Fahrrad",
                        "mit dem Bus",
                        "mit dem Auto (Eltern)",
                    ],
                    "other": True,
                    "fields": ["HF5"],
                    "other_texts": ["Mit dem E-Scooter", "Mal so, mal so"],
                },
                {
                    "key": "meet",
                    "type": T.YES_NO,
                    "text": "Gibt es in deiner Nähe einen Ort, an dem du dich mit Freunden treffen kannst?",
                    "fields": ["HF5"],
                },
            ],
        ),
        (
            "Freizeit",
            [
                {
                    "type": T.SCALE,
                    "text": "Wie wohl fühlst du dich in Rosenau?",
                    "labels": ["gar nicht", "", "", "", "sehr"],
                    "required": True,
                    "fields": ["HF5"],
                },
                {
                    "type": T.MULTIPLE_CHOICE,
                    "text": "Was machst du in deiner Freizeit?",
                    "options": [
                        "Sport im Verein",
                        "Freunde treffen",
                        "Zocken",
                        "Musik machen",
                        "Jugendtreff",
                        "Jobben",
                    ],
                    "other": True,
                    "fields": ["HF5"],
                    "other_texts": [
                        "Reiten",
                        "Feuerwehr-Jugend",
                        "Skaten am Bahnhof",
                        "Pfadfinder",
                    ],
                },
                {
                    "type": T.LONG_TEXT,
                    "text": "Was für einen Treffpunkt wünschst du dir?",
                    "fields": ["HF5"],
                    "cond": ("meet", "no"),
                    "texts": [
                        "Einen Raum mit WLAN und Sofas, wo man auch im Winter abhängen kann.",
                        "Einen überdachten Platz am Skatepark, damit man bei Regen nicht nach Hause muss.",
                        "Einen Jugendtreff in Oberdorf, der auch abends auf hat.",
                        "Einfach Bänke, wo uns keiner wegschickt.",
                        "Einen Bolzplatz mit Flutlicht.",
                        "Ein Café nur für Jugendliche, ohne Konsumzwang.",
                    ],
                },
            ],
        ),
        (
            "Schule",
            [
                {
                    "type": T.MATRIX,
                    "text": "Wie sehr stimmst du zu?",
                    "labels": AGREE,
                    "fields": ["HF3", "HF4", "HF1"],
                    "options": [
                        "Ich fühle mich an meiner Schule sicher.",
                        "Bei Problemen weiß ich, an wen ich mich wenden kann.",
                        "Wir Schülerinnen und Schüler dürfen in der Schule mitbestimmen.",
                        "In der Schule lerne ich, mit Medien und Fake News umzugehen.",
                    ],
                },
                {
                    "type": T.RANKING,
                    "text": "Was ist dir am wichtigsten? Vergib Rang 1 für das Wichtigste.",
                    "fields": ["HF3", "HF5"],
                    "options": [
                        "ein Jugendtreff",
                        "bessere Busverbindungen",
                        "mehr Sportangebote",
                        "ein WLAN-Hotspot in der Stadt",
                    ],
                },
            ],
        ),
        (
            "Deine Ideen",
            [
                {
                    "type": T.SHORT_TEXT,
                    "text": "Wenn du Bürgermeisterin oder Bürgermeister wärst: Was würdest du als Erstes ändern?",
                    "fields": ["HF1", "HF5"],
                    "texts": [
                        "Den Bus öfter fahren lassen",
                        "Einen Skatepark bauen",
                        "Freies WLAN in der Innenstadt",
                        "Die Schultoiletten sanieren",
                        "Mehr Mülleimer",
                        "Ein Kino",
                        "Den Jugendtreff länger öffnen",
                        "Radwege nach Mühlbach",
                        "Ein Jugendparlament",
                        "Einen Basketballkorb im Park",
                    ],
                },
                {
                    "type": T.LONG_TEXT,
                    "text": "Was möchtest du uns noch sagen?",
                    "fields": ["HF3", "HF4"],
                    "texts": [
                        "Es gibt viel Mobbing in den Klassenchats, da müsste man mehr machen.",
                        "Ich finde gut, dass wir auch mal gefragt werden.",
                        "Die Schulsozialarbeiterin ist nur zwei Tage da, das reicht nicht.",
                        "Abends ist es am Bahnhof unheimlich, da fehlt Licht.",
                        "Wir bräuchten mehr Praktikumsplätze in Rosenau.",
                        "Der Sportplatz ist immer von Vereinen belegt, man kann nie einfach so spielen.",
                        "In den Ferien ist hier nichts los.",
                    ],
                },
            ],
        ),
    ],
}

ASSOCIATIONS = {
    "title": "Befragung der Vereine, Verbände und Träger",
    "group": "associations",
    "intro": "Vereine, Verbände, Kirchengemeinden und soziale Träger sind wichtige Partner für Familien. "
    "Wir möchten wissen, was Sie anbieten, wo Sie Bedarf sehen und wie die Stadt Sie unterstützen kann.",
    "sections": [
        (
            "Ihre Organisation",
            [
                {
                    "type": T.SINGLE_CHOICE,
                    "text": "Welche Art von Organisation vertreten Sie?",
                    "required": True,
                    "options": [
                        "Sportverein",
                        "Kultur- oder Musikverein",
                        "Kirchengemeinde",
                        "Wohlfahrtsverband oder sozialer Träger",
                        "Elterninitiative oder Förderverein",
                    ],
                    "other": True,
                    "other_texts": ["Freiwillige Feuerwehr", "Tafel", "Heimatverein"],
                },
                {
                    "type": T.NUMBER,
                    "text": "Wie viele Menschen engagieren sich bei Ihnen ehrenamtlich?",
                    "number": (0, 5000),
                    "values": [8, 12, 15, 25, 40, 60, 120],
                },
                {
                    "type": T.MULTIPLE_CHOICE,
                    "text": "Für wen bieten Sie etwas an?",
                    "options": [
                        "Kinder",
                        "Jugendliche",
                        "Eltern",
                        "Seniorinnen und Senioren",
                        "Menschen mit Behinderung",
                        "Geflüchtete und Zugewanderte",
                    ],
                    "fields": ["HF3", "HF6"],
                },
                {
                    "key": "alliance",
                    "type": T.YES_NO,
                    "text": "Arbeiten Sie im Lokalen Bündnis für Familie mit?",
                    "fields": ["HF1"],
                },
            ],
        ),
        (
            "Zusammenarbeit",
            [
                {
                    "type": T.MATRIX,
                    "text": "Wie erleben Sie die Zusammenarbeit mit der Stadt?",
                    "labels": AGREE,
                    "fields": ["HF1"],
                    "options": [
                        "Wir wissen, wer in der Verwaltung für uns zuständig ist.",
                        "Wir werden bei Planungen früh beteiligt.",
                        "Räume der Stadt können wir unkompliziert nutzen.",
                        "Förderanträge sind verständlich.",
                    ],
                },
                {
                    "type": T.SCALE,
                    "text": "Wie hilfreich ist das Lokale Bündnis für Ihre Arbeit?",
                    "labels": ["gar nicht", "", "", "", "sehr"],
                    "fields": ["HF1"],
                    "cond": ("alliance", "yes"),
                },
            ],
        ),
        (
            "Bedarfe",
            [
                {
                    "type": T.RANKING,
                    "text": "Wo sehen Sie den größten Handlungsbedarf?",
                    "fields": ["HF2", "HF3", "HF4", "HF5", "HF6"],
                    "options": [
                        "Kinderbetreuung",
                        "Bildung und Sprachförderung",
                        "Beratung und Hilfe in Krisen",
                        "Freizeit und Wohnumfeld",
                        "Ältere Menschen und Pflege",
                    ],
                },
                {
                    "type": T.LONG_TEXT,
                    "text": "Welche Lücken sehen Sie bei den Angeboten für Familien in Rosenau?",
                    "fields": ["HF4", "HF6"],
                    "texts": [
                        "Es fehlen Angebote für Väter. Unsere Krabbelgruppe erreicht fast nur Mütter.",
                        "Familien mit wenig Geld kennen das Bildungs- und Teilhabepaket nicht. Wir helfen beim Antrag, aber das ist viel Arbeit.",
                        "Für pflegende Angehörige gibt es kaum Entlastung am Wochenende.",
                        "Wir haben lange Wartelisten beim Schwimmkurs. Es fehlt Wasserzeit im Hallenbad.",
                        "Die Sprachkurse für Mütter mit Kinderbetreuung sind sofort ausgebucht.",
                        "Ehrenamtliche werden immer älter. Wir brauchen Hilfe, junge Leute zu gewinnen.",
                        "Die Erziehungsberatung hat Wartezeiten von drei Monaten. Das ist in einer Krise viel zu lang.",
                        "Es gibt keinen barrierefreien Vereinsraum in der Altstadt.",
                        "Einsamkeit im Alter ist ein großes Thema, besonders in Oberdorf seit die Gaststätte geschlossen hat.",
                    ],
                },
                {
                    "type": T.SHORT_TEXT,
                    "text": "Welche Unterstützung brauchen Sie von der Stadt am dringendsten?",
                    "fields": ["HF1"],
                    "texts": [
                        "Räume",
                        "Eine feste Ansprechperson",
                        "Zuschüsse für Übungsleiter",
                        "Hilfe bei der Öffentlichkeitsarbeit",
                        "Weniger Bürokratie bei Anträgen",
                        "Einen Ehrenamtstag",
                        "Busse für Ausflüge",
                    ],
                },
            ],
        ),
    ],
}

COMPANIES = {
    "title": "Unternehmensbefragung: Familie und Beruf",
    "group": "companies",
    "intro": "Familienfreundliche Arbeitgeber helfen Familien und gewinnen Fachkräfte. Wir fragen Betriebe "
    "in Rosenau, was sie schon tun und was die Stadt beitragen kann.",
    "sections": [
        (
            "Ihr Betrieb",
            [
                {
                    "type": T.SINGLE_CHOICE,
                    "text": "Wie viele Beschäftigte hat Ihr Betrieb in Rosenau?",
                    "required": True,
                    "options": ["1 bis 9", "10 bis 49", "50 bis 249", "250 und mehr"],
                },
                {
                    "type": T.SINGLE_CHOICE,
                    "text": "Branche",
                    "options": [
                        "Handwerk",
                        "Handel",
                        "Industrie",
                        "Gesundheit und Pflege",
                        "Dienstleistung",
                        "öffentlicher Dienst",
                    ],
                    "other": True,
                    "other_texts": ["Landwirtschaft und Weinbau", "Gastronomie"],
                },
                {
                    "type": T.NUMBER,
                    "text": "Wie viel Prozent Ihrer Beschäftigten arbeiten in Teilzeit?",
                    "help": "Eine Schätzung genügt.",
                    "number": (0, 100),
                    "values": [5, 10, 20, 25, 30, 40, 55],
                },
            ],
        ),
        (
            "Familienfreundlichkeit",
            [
                {
                    "type": T.MULTIPLE_CHOICE,
                    "text": "Was bieten Sie Beschäftigten mit Familie an?",
                    "options": [
                        "flexible Arbeitszeiten",
                        "Homeoffice",
                        "Teilzeit auch in Führung",
                        "Zuschuss zur Kinderbetreuung",
                        "Freistellung bei Pflege von Angehörigen",
                    ],
                    "other": True,
                    "fields": ["HF2", "HF6"],
                    "other_texts": [
                        "Ferienbetreuung für Mitarbeiterkinder",
                        "Eltern-Kind-Büro",
                        "Lebensarbeitszeitkonto",
                    ],
                },
                {
                    "type": T.SCALE,
                    "text": "Wie wichtig ist Familienfreundlichkeit, um Fachkräfte zu gewinnen?",
                    "labels": ["unwichtig", "", "", "", "sehr wichtig"],
                    "required": True,
                    "fields": ["HF2"],
                },
                {
                    "key": "kita",
                    "type": T.YES_NO,
                    "text": "Hätten Sie Interesse an einem Betriebskita-Verbund mit anderen Unternehmen?",
                    "fields": ["HF2"],
                },
            ],
        ),
        (
            "Wünsche an die Stadt",
            [
                {
                    "type": T.SHORT_TEXT,
                    "text": "Wie viele Plätze würden Sie ungefähr brauchen, und ab wann?",
                    "fields": ["HF2"],
                    "cond": ("kita", "yes"),
                    "texts": [
                        "Etwa 5 Plätze ab Sommer",
                        "3 Krippenplätze",
                        "10 bis 12 Plätze",
                        "Zwei Plätze, möglichst bald",
                        "Vier Plätze, Öffnung ab 6 Uhr wichtig",
                    ],
                },
                {
                    "type": T.MATRIX,
                    "text": "Wie beurteilen Sie den Standort Rosenau für Familien?",
                    "labels": GRADES,
                    "fields": ["HF2", "HF5", "HF3"],
                    "options": [
                        "Kinderbetreuung für Beschäftigte",
                        "Wohnraum für Familien",
                        "Schulen",
                        "Anbindung mit Bus und Bahn",
                    ],
                },
                {
                    "type": T.LONG_TEXT,
                    "text": "Was sollte die Stadt tun, damit Beschäftigte Familie und Beruf besser vereinbaren können?",
                    "fields": ["HF2", "HF1"],
                    "texts": [
                        "Kita-Öffnungszeiten an Schichtarbeit anpassen, unsere Pflegekräfte fangen um 6 Uhr an.",
                        "Ein Netzwerk der Arbeitgeber, moderiert von der Wirtschaftsförderung.",
                        "Bauland für junge Familien, sonst ziehen unsere Fachkräfte weg.",
                        "Eine Ausbildungsmesse zusammen mit den Schulen.",
                        "Bessere Busverbindung ins Gewerbegebiet, viele Azubis haben kein Auto.",
                        "Informationen über Betreuung und Schulen für Zuziehende, am besten auf Englisch.",
                        "Ferienbetreuung in allen Ferien, nicht nur im Sommer.",
                        "Ein Siegel für familienfreundliche Betriebe in Rosenau würde uns helfen, das zu zeigen.",
                    ],
                },
            ],
        ),
    ],
}

TENANTS = {
    "title": "Mieterbefragung Sonnenhang",
    "group": "tenants",
    "intro": "Wie wohnt es sich am Sonnenhang? Ihre Antworten helfen bei der Planung der Sanierung und "
    "des Innenhofs.",
    "sections": [
        (
            "Ihre Wohnung",
            [
                {"key": "district", "type": T.DISTRICT, "text": "Wo wohnen Sie?"},
                {
                    "type": T.SCALE,
                    "text": "Wie wohl fühlen Sie sich in Ihrer Wohnung?",
                    "labels": ["gar nicht", "", "", "", "sehr"],
                    "required": True,
                    "fields": ["WQ2"],
                },
                {
                    "type": T.YES_NO,
                    "text": "Haben Sie Mühe mit Treppen (Kinderwagen, Rollator, Einkäufe)?",
                    "fields": ["WQ2"],
                },
            ],
        ),
        (
            "Das Quartier",
            [
                {
                    "type": T.MULTIPLE_CHOICE,
                    "text": "Was fehlt Ihnen im Quartier?",
                    "options": [
                        "Bänke und Schatten",
                        "Spielbereich",
                        "Treffpunkt oder Café",
                        "bessere Beleuchtung",
                        "Hilfe im Alltag",
                    ],
                    "other": True,
                    "fields": ["WQ3", "WQ4"],
                    "other_texts": ["Fahrradstellplätze", "Ein Gemeinschaftsgarten"],
                },
                {
                    "type": T.LONG_TEXT,
                    "text": "Ihre Anregungen für den Sonnenhang",
                    "fields": ["WQ1", "WQ3"],
                    "texts": [
                        "Bitte den Mieterbeirat früher informieren, wenn gebaut wird.",
                        "Ein Aufzug im Block A wäre für uns Ältere das Wichtigste.",
                        "Der Innenhof sollte ein Ort für alle werden, mit Bänken und einem kleinen Spielplatz.",
                        "Die Müllplätze sind oft überfüllt.",
                        "Ein Nachbarschaftscafé im leeren Laden.",
                    ],
                },
            ],
        ),
    ],
}


def _build(process: Process, spec: dict):
    groups = {g.code: g for g in process.target_groups}
    survey = operations.create_survey(
        process,
        spec["title"],
        target_group=groups.get(spec["group"]),
        intro=spec["intro"],
        first_section=spec["sections"][0][0],
    )
    keys, meta = {}, {}
    for index, (title, questions) in enumerate(spec["sections"]):
        section = survey.sections[0] if index == 0 else operations.add_section(survey, title)
        for item in questions:
            question = operations.add_question(
                section, item["type"], item["text"], required=item.get("required", False)
            )
            condition = None, ""
            if "cond" in item:
                source = keys[item["cond"][0]]
                condition = source.id, item["cond"][1]
            labels = item.get("labels")
            low, high = item.get("number", (None, None))
            operations.update_question(
                question,
                text=item["text"],
                help_text=item.get("help", ""),
                required=item.get("required", False),
                allow_other=item.get("other", False),
                options=item.get("options"),
                scale_min=1 if labels else None,
                scale_max=len(labels) if labels else None,
                scale_labels=labels,
                number_min=low,
                number_max=high,
                field_codes=item.get("fields", []),
                condition_question_id=condition[0],
                condition_value=condition[1],
            )
            if "key" in item:
                keys[item["key"]] = question
            meta[question.id] = item
    survey.state = SurveyState.OPEN
    return survey, meta


def _value(rng: random.Random, question, item, districts):
    """A plausible answer, or None (optional questions are sometimes skipped)."""
    if not question.required and rng.random() < 0.12:
        return None
    kind = question.type
    options = question.options
    weights = [len(options) - i + 1 for i in range(len(options))]
    if kind is T.SINGLE_CHOICE:
        if question.allow_other and rng.random() < 0.08:
            return {"choice": OTHER, "other": rng.choice(item["other_texts"])}
        return {"choice": rng.choices(options, weights=weights)[0].id}
    if kind is T.MULTIPLE_CHOICE:
        chosen = sorted({o.id for o in rng.choices(options, weights=weights, k=rng.randint(1, 3))})
        value = {"choices": chosen}
        if question.allow_other and rng.random() < 0.15:
            value["other"] = rng.choice(item["other_texts"])
        return value
    if kind is T.YES_NO:
        return "yes" if rng.random() < 0.6 else "no"
    if kind is T.SCALE:
        return rng.choices(range(1, 6), weights=[1, 2, 4, 5, 3])[0]
    if kind is T.NUMBER:
        return rng.choice(item["values"])
    if kind.is_text:
        if rng.random() < 0.3 and not question.required:
            return None
        return rng.choice(item["texts"])
    if kind is T.RANKING:
        order = list(options)
        rng.shuffle(order)
        return {str(o.id): rank for rank, o in enumerate(order, start=1)}
    if kind is T.MATRIX:
        return {str(o.id): rng.choices(range(1, 6), weights=[1, 3, 4, 4, 2])[0] for o in options}
    if kind is T.DISTRICT:
        return rng.choices(districts, weights=[3, 4, 2, 2, 1][: len(districts)])[0].id
    return None


def _respond(survey, meta, count: int, seed: int, paper_share: float = 0.15) -> int:
    rng = random.Random(seed)
    districts = survey.process.districts
    now = utcnow()
    for _number in range(count):
        answers: dict = {}
        for section in survey.sections:
            if not operations.is_shown(survey, section, answers):
                continue
            for question in section.questions:
                if operations.is_shown(survey, question, answers):
                    value = _value(rng, question, meta[question.id], districts)
                    if value is not None:
                        answers[str(question.id)] = value
        operations.store_response(
            survey,
            answers,
            submission_token=secrets.token_urlsafe(24),
            channel=ResponseChannel.PAPER if rng.random() < paper_share else ResponseChannel.ONLINE,
            submitted_at=now - timedelta(days=rng.uniform(0.2, 42), minutes=rng.randint(0, 600)),
        )
    return count


def load_demo_surveys(process: Process) -> None:
    """Demo loader: Rosenau's four surveys with responses; a tenants' survey at Sonnenhang."""
    if process.audit_type is AuditType.HOUSING_QUARTER:
        survey, meta = _build(process, TENANTS)
        _respond(survey, meta, 9, seed=5, paper_share=0.4)
        return
    if process.slug != "rosenau":
        return
    for seed, (spec, count) in enumerate(
        [(FAMILIES, 58), (YOUTH, 30), (ASSOCIATIONS, 34), (COMPANIES, 31)], start=1
    ):
        survey, meta = _build(process, spec)
        _respond(survey, meta, count, seed=seed)
        if spec.get("codes"):
            survey.access_mode = AccessMode.CODES
            codes = operations.generate_access_codes(survey, 60, spec["codes"])
            # As many codes spent as responses came in; codes are never linked to responses.
            spent = min(count, len(codes))
            for code in codes[:spent]:
                code.spent_at = utcnow()
