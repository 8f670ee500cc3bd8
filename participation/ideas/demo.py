"""Demo idea boards: Rosenau's idea exchange and a small board for the Sonnenhang quarter."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from participation.contributions.models import ContributionSource
from participation.contributions.operations import set_contribution_withdrawn
from participation.extensions import db
from participation.ideas import operations
from participation.ideas.models import (
    BoardState,
    IdeaReport,
    IdeaStatus,
    IdeaSupport,
    ModerationMode,
    PostState,
    ReportTarget,
)
from participation.processes.models import AuditType

S = IdeaStatus

# (field, district, target group, author, title, text, status, public answer, supports, comments)
# A comment is (author, text) or, as a reply to the comment before it, ("↳", author, text).
ROSENAU_IDEAS = [
    (
        "HF2",
        "Nordstadt",
        "families",
        "Familie Yilmaz",
        "Randzeiten-Betreuung bis 18 Uhr in der Kita Regenbogen",
        "Viele Eltern in der Nordstadt arbeiten im Schichtdienst im Klinikum oder im Einzelhandel. "
        "Eine Gruppe, die an zwei oder drei Tagen bis 18 Uhr betreut, würde uns enorm helfen. "
        "Man könnte mit einer Bedarfsabfrage starten.",
        S.IN_WORKSHOP,
        "Wir haben die Idee in den Strategieworkshop am 12. März mitgenommen. Der Träger der Kita "
        "prüft gerade, wie viele Familien die längeren Zeiten brauchen.",
        34,
        [
            (
                "Sandra, Mutter von Zwillingen",
                "Genau das fehlt! Bei uns endet die Schicht um 17:30 Uhr.",
            ),
            (
                "↳",
                "Kita-Elternbeirat Regenbogen",
                "Wir sammeln gerade Zahlen und geben sie an die Stadt weiter.",
            ),
            ("Thomas", "Wichtig wäre, dass auch die Tagespflege mitgedacht wird."),
        ],
    ),
    (
        "HF2",
        None,
        "associations",
        "Lokales Bündnis für Familie Rosenau",
        "Ferienbetreuung für alle sechs Sommerferienwochen",
        "Bisher gibt es nur in drei Wochen ein Ferienprogramm. Wir schlagen vor, dass Vereine, "
        "Jugendpflege und Schulen einen gemeinsamen Ferienkalender aufstellen, damit jede Woche "
        "abgedeckt ist – mit Geschwisterrabatt und festen Anmeldefristen.",
        S.IN_GOAL_AGREEMENT,
        "Die Ferienbetreuung über alle sechs Wochen ist als Maßnahme im Handlungsfeld 2 der "
        "Zielvereinbarung vorgesehen. Start ist für die Sommerferien 2027 geplant.",
        51,
        [
            (
                "Sportverein TuS Rosenau",
                "Wir können zwei Wochen Sportcamp anbieten, wenn die Halle frei ist.",
            ),
            (
                "↳",
                "Lokales Bündnis für Familie Rosenau",
                "Super, wir nehmen Sie in die Planung auf!",
            ),
            (
                "Mama aus Mühlbach",
                "Bitte auch an Kinder mit Förderbedarf denken, die brauchen Begleitung.",
            ),
        ],
    ),
    (
        "HF2",
        "Mühlbach",
        "companies",
        "Tischlerei Brandt",
        "Gemeinsame Betriebskita im Gewerbegebiet Mühlbach",
        "Mehrere kleine Betriebe im Gewerbegebiet könnten zusammen Belegplätze in einer Kita "
        "finanzieren. Allein schafft das keiner von uns, gemeinsam wäre es machbar.",
        S.UNDER_REVIEW,
        "Die Wirtschaftsförderung lädt im April die Betriebe aus dem Gewerbegebiet zu einem "
        "Gespräch über Belegplätze ein.",
        19,
        [
            (
                "Heike K.",
                "Als Beschäftigte in Mühlbach wäre das ein Traum, der Weg zur Kita wäre kurz.",
            )
        ],
    ),
    (
        "HF2",
        None,
        "families",
        "",
        "Platzvergabe für die Krippe transparenter machen",
        "Niemand weiß, nach welchen Kriterien die Krippenplätze vergeben werden und wo man auf der "
        "Warteliste steht. Ein Online-Anmeldeportal mit Statusanzeige wäre fairer.",
        S.NEW,
        "",
        27,
        [
            ("Jana", "Wir haben dreimal nachgefragt und nie eine klare Antwort bekommen."),
            (
                "Vater aus der Altstadt",
                "Ein Portal ja, aber bitte auch weiterhin Anmeldung auf Papier.",
            ),
        ],
    ),
    (
        "HF2",
        None,
        "seniors",
        "Gerda",
        "Pflege und Beruf: Beratung auch abends",
        "Wer Angehörige pflegt und arbeitet, schafft die Sprechzeiten am Vormittag nicht. "
        "Einmal pro Woche eine Abendsprechstunde oder Beratung per Telefon wäre eine echte Hilfe.",
        S.IMPLEMENTED,
        "Seit Februar bietet der Pflegestützpunkt jeden Donnerstag bis 19 Uhr Beratung an, auch "
        "telefonisch. Danke für den Hinweis!",
        22,
        [("Ralf", "Habe die Abendsprechstunde schon genutzt – sehr hilfreich.")],
    ),
    (
        "HF3",
        "Am Weinberg",
        "families",
        "Elternrat Grundschule am Weinberg",
        "Schulsozialarbeit an der Grundschule am Weinberg",
        "An unserer Grundschule gibt es keine Schulsozialarbeit. Konflikte auf dem Schulhof, "
        "Sorgen zu Hause, Mobbing – die Lehrkräfte können das nicht nebenbei auffangen. "
        "Wir wünschen uns eine halbe Stelle.",
        S.IN_WORKSHOP,
        "Das Thema Schulsozialarbeit an Grundschulen steht auf der Tagesordnung des "
        "Analyse-Workshops. Der Landkreis ist als Kostenträger eingeladen.",
        46,
        [
            ("Frau Becker, Lehrerin", "Aus Sicht des Kollegiums dringend nötig."),
            (
                "↳",
                "Elternrat Grundschule am Weinberg",
                "Danke für die Unterstützung aus dem Kollegium!",
            ),
            ("Oma Hilde", "Mein Enkel geht dort hin, ich unterstütze das."),
        ],
    ),
    (
        "HF3",
        "Nordstadt",
        "families",
        "Familie Petrenko",
        "Sprachcafé für Eltern und Kinder in der Stadtbücherei",
        "Einmal pro Woche ein offenes Sprachcafé, in dem Kinder vorgelesen bekommen und Eltern "
        "Deutsch üben können. Ehrenamtliche Lesepatinnen gibt es bestimmt.",
        S.UNDER_REVIEW,
        "Die Stadtbücherei prüft, ob ein Raum am Mittwochnachmittag frei ist.",
        24,
        [("Lesepatin Monika", "Ich würde sofort mitmachen!")],
    ),
    (
        "HF3",
        None,
        "youth",
        "Klasse 9b Realschule",
        "Medienprojekt gegen Fake News und Cybermobbing",
        "Wir wünschen uns einen Projekttag pro Halbjahr zu Fake News, Datenschutz und Mobbing im "
        "Klassenchat – am besten mit Leuten, die sich damit auskennen, und nicht nur Arbeitsblätter.",
        S.NEW,
        "",
        31,
        [
            ("Medienzentrum Rosenau", "Wir haben Referentinnen und könnten das anbieten."),
            ("↳", "Klasse 9b Realschule", "Cool, wie kommen wir in Kontakt?"),
        ],
    ),
    (
        "HF3",
        "Oberdorf",
        "families",
        "",
        "Musikschule auch im Oberdorf",
        "Für den Musikunterricht müssen wir in die Innenstadt fahren, ohne Auto geht das kaum. "
        "Die Musikschule könnte im Dorfgemeinschaftshaus eine Außenstelle anbieten.",
        S.NOT_PURSUED,
        "Eine feste Außenstelle ist mit den vorhandenen Lehrkräften leider nicht möglich. Die "
        "Musikschule bietet aber ab Herbst Gruppenunterricht an der Grundschule Oberdorf an.",
        12,
        [("Familie Schulte", "Schade, aber der Gruppenunterricht ist ein Anfang.")],
    ),
    (
        "HF3",
        None,
        "companies",
        "Autohaus Rosenau",
        "Ausbildungsbörse mit allen weiterführenden Schulen",
        "Betriebe suchen Auszubildende, Jugendliche suchen Orientierung. Eine jährliche Börse in "
        "der Stadthalle, bei der Schülerinnen und Schüler Betriebe direkt kennenlernen.",
        S.IN_GOAL_AGREEMENT,
        "Die Ausbildungsbörse ist Teil der Zielvereinbarung. Die erste Börse findet im Oktober statt.",
        17,
        [],
    ),
    (
        "HF4",
        None,
        "families",
        "Alleinerziehende Mutter",
        "Eine Anlaufstelle für Alleinerziehende",
        "Als Alleinerziehende muss ich für Unterhaltsvorschuss, Wohngeld und Kinderzuschlag zu "
        "verschiedenen Stellen. Eine Lotsin, die alles zusammen erklärt, würde Zeit und Nerven sparen.",
        S.IN_WORKSHOP,
        "Die Idee einer Familienlotsin wird im Workshop zum Handlungsfeld 4 besprochen.",
        38,
        [
            (
                "Caritas Rosenau",
                "Wir beraten schon heute, aber viele kennen uns nicht. Bessere Vernetzung wäre gut.",
            ),
            ("Melanie", "Bitte auch mit Terminen am Nachmittag."),
        ],
    ),
    (
        "HF4",
        None,
        "associations",
        "Hebammennetzwerk Rosenau",
        "Willkommensbesuch für alle Neugeborenen",
        "Nach der Geburt ein Besuch mit Infomappe: Hebammen, Kinderärzte, Krabbelgruppen, "
        "Elterngeld. Viele Städte machen das schon, Rosenau noch nicht.",
        S.IN_GOAL_AGREEMENT,
        "Der Willkommensbesuch ist beschlossen und wird von den Frühen Hilfen organisiert.",
        29,
        [("Junge Eltern aus der Nordstadt", "Hätten wir uns vor einem Jahr sehr gewünscht!")],
    ),
    (
        "HF4",
        "Nordstadt",
        "associations",
        "Familienzentrum Nordstadt",
        "Mehr Personal für die Erziehungsberatung",
        "Die Wartezeit für ein Erstgespräch liegt bei acht Wochen. In Krisen ist das viel zu lang. "
        "Wir brauchen eine zusätzliche Fachkraft und eine offene Sprechstunde ohne Termin.",
        S.UNDER_REVIEW,
        "",
        21,
        [("Anonym", "Acht Wochen sind in einer Krise eine Ewigkeit.")],
    ),
    (
        "HF4",
        None,
        "citizens",
        "",
        "Bildungs- und Teilhabepaket einfacher beantragen",
        "Die Anträge für Schulausflug, Mittagessen und Nachhilfe sind kompliziert. Ein einziges "
        "Formular in einfacher Sprache und Hilfe beim Ausfüllen in der Schule wären gut.",
        S.NEW,
        "",
        15,
        [],
    ),
    (
        "HF4",
        "Mühlbach",
        "families",
        "Familie Özdemir",
        "Krabbelgruppe in Mühlbach",
        "In Mühlbach gibt es keine Krabbelgruppe. Das Gemeindehaus steht vormittags leer – "
        "dort könnten sich Eltern mit Babys treffen.",
        S.IMPLEMENTED,
        "Seit Januar trifft sich die Krabbelgruppe jeden Dienstag um 10 Uhr im Gemeindehaus.",
        14,
        [("Lena", "Wir sind jede Woche dabei, danke!")],
    ),
    (
        "HF5",
        "Am Weinberg",
        "families",
        "Elternrat Grundschule am Weinberg",
        "Zebrastreifen vor der Grundschule am Weinberg",
        "Morgens wird auf der Weinbergstraße schnell gefahren, die Kinder müssen ohne Überweg "
        "über die Straße. Ein Zebrastreifen und Tempo 30 vor der Schule sind überfällig.",
        S.IN_GOAL_AGREEMENT,
        "Die Verkehrsbehörde hat Tempo 30 angeordnet; der Zebrastreifen wird in den Osterferien markiert.",
        63,
        [
            (
                "Polizeihauptkommissar a. D.",
                "Ich beobachte dort fast täglich gefährliche Situationen.",
            ),
            ("Vater von zwei Schulkindern", "Endlich! Bitte auch Schülerlotsen einplanen."),
            (
                "↳",
                "Elternrat Grundschule am Weinberg",
                "Die Lotsen organisieren wir gerade mit der 4. Klasse.",
            ),
        ],
    ),
    (
        "HF5",
        "Oberdorf",
        "families",
        "",
        "Spielplatz am Dorfanger erneuern",
        "Die Schaukel ist abgesperrt, das Klettergerüst wackelt. Der Spielplatz ist der einzige im "
        "Oberdorf. Wir Eltern würden auch bei einer Pflanzaktion mithelfen.",
        S.IMPLEMENTED,
        "Der Spielplatz wurde im Mai erneuert: neue Schaukel, neues Klettergerüst, Sonnensegel. "
        "Danke an alle, die bei der Pflanzaktion geholfen haben!",
        41,
        [
            ("Familie Lange", "Die Kinder lieben das neue Klettergerüst!"),
            ("Hans, Nachbar", "Schön geworden. Jetzt bitte noch einen Mülleimer mehr."),
        ],
    ),
    (
        "HF5",
        "Nordstadt",
        "youth",
        "Jugendforum Rosenau",
        "Jugendtreff in der Nordstadt mit WLAN",
        "Abends haben wir keinen Ort. Ein Raum mit WLAN, Kicker und Musik, betreut von der "
        "Jugendpflege, am besten in der alten Post an der Bahnhofstraße.",
        S.IN_WORKSHOP,
        "Die Jugendpflege prüft mit dem Jugendforum zwei mögliche Räume.",
        57,
        [
            ("Luca, 15", "Bitte mit Öffnungszeiten am Wochenende!"),
            ("↳", "Jugendforum Rosenau", "Steht auf unserer Liste."),
            ("Anwohnerin Bahnhofstraße", "Gute Idee, wenn es eine Ansprechperson gibt."),
        ],
    ),
    (
        "HF5",
        "Mühlbach",
        "citizens",
        "ADFC Ortsgruppe",
        "Radweg zwischen Mühlbach und Innenstadt",
        "Kinder fahren zur Schule auf der Landstraße ohne Radweg. Ein abgesetzter Radweg entlang "
        "der L 412 würde den Schulweg sicherer machen.",
        S.UNDER_REVIEW,
        "Die Stadt klärt mit dem Land die Förderung; eine Entscheidung wird bis Herbst erwartet.",
        48,
        [("Schülerin, 13", "Ich fahre da jeden Tag und habe oft Angst.")],
    ),
    (
        "HF5",
        "Oberdorf",
        "youth",
        "",
        "Späterer Bus aus der Stadt ins Oberdorf",
        "Der letzte Bus fährt um 19:05 Uhr. Ein Bus um 21 Uhr oder ein Anrufsammeltaxi am "
        "Wochenende würde Jugendlichen viel Freiheit geben.",
        S.NOT_PURSUED,
        "Ein zusätzlicher Linienbus ist nicht finanzierbar. Stattdessen fährt ab Juni freitags und "
        "samstags ein Anrufsammeltaxi bis 23 Uhr.",
        33,
        [("Tim", "Das Anrufsammeltaxi ist besser als nichts.")],
    ),
    (
        "HF5",
        "Altstadt",
        "families",
        "Familie Krüger",
        "Bezahlbare Wohnungen für große Familien in der Altstadt",
        "Bei Neubauprojekten sollte ein Teil der Wohnungen für Familien mit drei und mehr Kindern "
        "reserviert werden – mit vier oder fünf Zimmern und bezahlbarer Miete.",
        S.NEW,
        "",
        26,
        [],
    ),
    (
        "HF5",
        "Altstadt",
        "families",
        "",
        "Wickeltisch und Stillecke im Rathaus",
        "Im Rathaus gibt es keinen Wickeltisch. Eine kleine Stillecke und ein Wickelplatz wären "
        "ein einfaches Zeichen, dass Familien willkommen sind.",
        S.IMPLEMENTED,
        "Wickeltisch und Stillecke sind seit März im Erdgeschoss neben dem Bürgerbüro eingerichtet.",
        18,
        [],
    ),
    (
        "HF6",
        "Oberdorf",
        "seniors",
        "Seniorenkreis Oberdorf",
        "Treffpunkt für Ältere im Oberdorf",
        "Seit die Gaststätte geschlossen hat, fehlt ein Ort zum Klönen. Ein offener Nachmittag im "
        "Dorfgemeinschaftshaus mit Kaffee und Kuchen einmal pro Woche.",
        S.IN_WORKSHOP,
        "Der Seniorenbeirat bringt die Idee in den Workshop zum Handlungsfeld 6 ein.",
        23,
        [
            ("Erika, 78", "Ich würde gern Kuchen backen."),
            ("↳", "Seniorenkreis Oberdorf", "Liebe Erika, wir melden uns bei Ihnen!"),
        ],
    ),
    (
        "HF6",
        None,
        "associations",
        "Nachbarschaftshilfe Rosenau e. V.",
        "Einkaufshilfe und Fahrdienst für Ältere",
        "Wir wollen einen ehrenamtlichen Einkaufs- und Fahrdienst aufbauen. Die Stadt könnte "
        "helfen, indem sie die Versicherung übernimmt und das Angebot bekannt macht.",
        S.IN_GOAL_AGREEMENT,
        "Die Stadt übernimmt die Ehrenamtsversicherung und bewirbt den Dienst im Familienportal.",
        20,
        [("Helmut", "Ich fahre gern mittwochs, habe ein großes Auto.")],
    ),
    (
        "HF6",
        None,
        "seniors",
        "",
        "Leihgroßeltern für Familien ohne Verwandte vor Ort",
        "Viele junge Familien sind zugezogen und haben keine Großeltern in der Nähe. Ältere, die "
        "gern Zeit mit Kindern verbringen, könnten vermittelt werden.",
        S.UNDER_REVIEW,
        "Das Familienzentrum prüft, ob es die Vermittlung übernehmen kann.",
        30,
        [
            ("Familie Nguyen", "Das wäre für uns wunderbar."),
            ("Rentner aus der Altstadt", "Ich wäre dabei, meine Enkel wohnen in Hamburg."),
        ],
    ),
    (
        "HF6",
        "Altstadt",
        "seniors",
        "Ilse M.",
        "Bänke auf dem Weg zum Marktplatz",
        "Vom Seniorenheim bis zum Marktplatz gibt es keine einzige Bank. Mit Rollator braucht man "
        "eine Pause. Drei oder vier Bänke würden reichen.",
        S.IMPLEMENTED,
        "Vier neue Bänke stehen seit April an der Kirchstraße und am Marktplatz.",
        16,
        [],
    ),
    (
        "HF1",
        None,
        "citizens",
        "",
        "Ein Familienportal mit allen Angeboten",
        "Angebote für Familien sind auf die Seiten der Stadt, des Landkreises und vieler Vereine "
        "verteilt. Ein Portal mit Suche nach Alter, Ortsteil und Thema wäre eine große Erleichterung.",
        S.IN_GOAL_AGREEMENT,
        "Das Familienportal ist Teil der Zielvereinbarung und soll Ende des Jahres online gehen.",
        37,
        [
            (
                "Vereinsvorsitzende",
                "Wichtig: Vereine müssen ihre Angebote selbst eintragen können.",
            ),
            (
                "Lokales Bündnis für Familie Rosenau",
                "Wir helfen gern bei der Sammlung der Angebote.",
            ),
        ],
    ),
    (
        "HF1",
        None,
        "associations",
        "Lokales Bündnis für Familie Rosenau",
        "Regelmäßiger runder Tisch von Bündnis und Verwaltung",
        "Damit Vereine, Träger und Verwaltung nicht aneinander vorbei planen, schlagen wir einen "
        "runden Tisch alle drei Monate vor – mit Protokoll, das öffentlich ist.",
        S.IMPLEMENTED,
        "Der runde Tisch tagt seit Januar vierteljährlich; die Protokolle stehen auf der Website.",
        13,
        [],
    ),
    (
        "HF1",
        None,
        "families",
        "",
        "Bürgerbüro auch samstags öffnen",
        "Berufstätige Eltern schaffen die Öffnungszeiten nicht. Ein Samstagvormittag im Monat "
        "oder Termine bis 18 Uhr würden helfen.",
        S.NOT_PURSUED,
        "Samstagsöffnungen sind personell nicht möglich. Seit März gibt es aber jeden Donnerstag "
        "Termine bis 18 Uhr und mehr Anliegen online.",
        25,
        [("Berufstätige Mutter", "Donnerstag bis 18 Uhr hilft mir schon sehr.")],
    ),
    (
        "HF1",
        None,
        "citizens",
        "Karl aus Mühlbach",
        "Rückmeldung, was aus den Ideen wird",
        "Bei früheren Beteiligungen haben wir nie erfahren, was aus unseren Vorschlägen geworden "
        "ist. Bitte zu jeder Idee eine Antwort veröffentlichen.",
        S.IMPLEMENTED,
        "Genau dafür gibt es hier den Status und die Antwort zu jeder Idee. Danke für den Anstoß!",
        28,
        [("Anonym", "Sehr gut, dass das hier so sichtbar ist.")],
    ),
]

SONNENHANG_IDEAS = [
    (
        "WQ3",
        "Sonnenhang Süd",
        "tenants",
        "Mieterbeirat Sonnenhang",
        "Bänke und Schatten im Innenhof",
        "Der Innenhof ist im Sommer zu heiß. Ein paar Bäume, Bänke und ein Sonnensegel würden "
        "ihn zum Treffpunkt für Jung und Alt machen.",
        S.UNDER_REVIEW,
        "Die Wohnbau prüft die Kosten und stellt sie im Mieterbeirat vor.",
        11,
        [("Frau Aksoy", "Und ein kleiner Sandkasten für die Kleinen!")],
    ),
    (
        "WQ2",
        "Sonnenhang Nord",
        "seniors",
        "",
        "Aufzug im Haus Lindenweg 4",
        "Mit Rollator und Kinderwagen sind die drei Etagen kaum zu schaffen. Ein Außenaufzug "
        "würde vielen helfen, im Haus wohnen zu bleiben.",
        S.NEW,
        "",
        9,
        [],
    ),
    (
        "WQ4",
        None,
        "neighbourhood_services",
        "Quartierstreff Sonnenhang",
        "Nachbarschaftscafé im leeren Ladenlokal",
        "Das Ladenlokal am Eingang steht leer. Ein Café, das Ehrenamtliche zweimal pro Woche "
        "öffnen, wäre ein Treffpunkt für das ganze Quartier.",
        S.IN_WORKSHOP,
        "Die Idee wird im Quartiersworkshop besprochen.",
        14,
        [("Nachbar aus Nr. 12", "Ich helfe gern beim Renovieren.")],
    ),
]


def _supporter(idea_id: int, number: int) -> str:
    return hashlib.sha256(f"demo-supporter-{idea_id}-{number}".encode()).hexdigest()


def load_demo_ideas(process) -> None:
    """Create the demo board of a demo process (called by the demo loader)."""
    if process.slug == "rosenau":
        board = operations.create_board(
            process,
            "Ideenbörse Familienfreundliches Rosenau",
            description=(
                "Was würde Rosenau für Familien, Kinder, Jugendliche und Ältere besser machen? "
                "Teilen Sie Ihre Idee, kommentieren und unterstützen Sie die Ideen anderer. "
                "Die Projektleitung antwortet zu jeder Idee, was daraus wird."
            ),
            moderation=ModerationMode.POST,
        )
        _fill(process, board, ROSENAU_IDEAS)
        _add_moderation_examples(process, board)
    elif process.audit_type is AuditType.HOUSING_QUARTER:
        board = operations.create_board(
            process,
            "Ideen für den Sonnenhang",
            description="Ihre Ideen für ein gutes Zusammenleben aller Generationen im Quartier.",
            moderation=ModerationMode.PRE,
            state=BoardState.OPEN,
        )
        _fill(process, board, SONNENHANG_IDEAS)


def _fill(process, board, ideas) -> None:
    fields = {f.code: f for f in process.fields_of_action}
    districts = {d.name: d for d in process.districts}
    groups = {g.code: g for g in process.target_groups}
    now = datetime.now(UTC)
    moderation = board.moderation
    board.moderation = ModerationMode.POST  # demo posts are published at once
    for number, entry in enumerate(ideas):
        field, district, group, author, title, text, status, answer, supports, comments = entry
        idea = operations.post_idea(
            board,
            title=title,
            text=text,
            district=districts.get(district) if district else None,
            field_of_action=fields.get(field),
            target_group=groups.get(group),
            author_name=author,
        )
        created = now - timedelta(days=30 - number % 28, hours=number * 5 % 24)
        idea.created_at = created
        idea.status = status
        if answer:
            idea.answer = answer
            idea.answered_at = min(created + timedelta(days=6), now - timedelta(hours=1))
        db.session.add_all(
            IdeaSupport(idea_id=idea.id, supporter_hash=_supporter(idea.id, n), created_at=created)
            for n in range(supports)
        )
        parent = None
        for position, comment in enumerate(comments, start=1):
            reply = comment[0] == "↳"
            author_name, comment_text = comment[1:] if reply else comment
            added = operations.add_comment(
                idea,
                text=comment_text,
                author_name=author_name,
                parent=parent if reply else None,
            )
            added.created_at = created + timedelta(hours=3 * position)
            if not reply:
                parent = added
    board.moderation = moderation
    db.session.flush()


def _add_moderation_examples(process, board) -> None:
    """One hidden advertisement and one open report, so the moderation pages are not empty."""
    from sqlalchemy import select

    from participation.ideas.models import Idea

    idea = db.session.scalar(
        select(Idea).where(Idea.board_id == board.id).order_by(Idea.id).limit(1)
    )
    advert = operations.add_comment(
        idea, text="Günstige Kredite ohne Schufa, jetzt anrufen!", author_name="Finanzprofi24"
    )
    advert.state = PostState.HIDDEN
    advert.hidden_reason = "Werbung"
    set_contribution_withdrawn(ContributionSource.COMMENT, advert.id, True)
    rude = operations.add_comment(
        idea,
        text="Wer Kinder in die Welt setzt, soll sich auch selbst um sie kümmern.",
        author_name="",
    )
    db.session.flush()
    db.session.add(
        IdeaReport(
            process_id=process.id,
            target=ReportTarget.COMMENT,
            target_id=rude.id,
            reason="Abwertend gegenüber Eltern.",
            reporter_hash=_supporter(rude.id, 0),
        )
    )
