"""Workshop material: XLSX workbook, DOCX handout, CSV; counts with small-cell suppression."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict

from participation.i18n import _
from participation.processes.models import Process
from participation.statistics import display_count
from participation.workshop import queries
from participation.workshop.models import OFF_TOPIC

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def neutralise(value: str) -> str:
    """Return text that a spreadsheet will not run as a formula (leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def sheet_title(name: str, taken: set[str]) -> str:
    """Return a valid, unique worksheet name (≤ 31 characters, no []:*?/\\, no edge quotes)."""
    base = SHEET_FORBIDDEN.sub(" ", name).strip().strip("'").strip() or "Tabelle"
    base = " ".join(base.split())[:MAX_SHEET_NAME].rstrip()
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(title.lower())
    return title


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


# -- CSV -------------------------------------------------------------------------------------


def build_csv(process: Process) -> bytes:
    """Return every analysed contribution with its assignment (UTF-8 with BOM, `;`)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(
        [
            _("Nr."),
            _("Eingegangen am"),
            _("Quelle"),
            _("Zielgruppe"),
            process.district_label,
            _("Kennung Handlungsfeld"),
            _("Handlungsfeld"),
            _("Unterthema"),
            _("Querschnittsthemen"),
            _("Sicherheit"),
            _("Bestätigt"),
            _("Beitrag"),
        ]
    )
    for row in queries.export_rows(process):
        writer.writerow(
            [
                row.contribution_id,
                row.created_at.strftime("%Y-%m-%d") if row.created_at else "",
                row.source,
                neutralise(row.target_group),
                neutralise(row.district),
                row.field_code,
                neutralise(row.field_name),
                neutralise(row.subtopic),
                neutralise(", ".join(row.themes)),
                f"{row.confidence:.2f}".replace(".", ","),
                _yes_no(row.confirmed),
                neutralise(row.text),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- XLSX ------------------------------------------------------------------------------------


def _write_row(sheet, values, bold=False):
    from openpyxl.cell import Cell
    from openpyxl.styles import Font

    cells = []
    for value in values:
        cell = Cell(sheet, value=None)
        if isinstance(value, str):
            # Written as a string cell, never as a formula; a quote prefix keeps it so on edit.
            cell.value = value
            cell.data_type = "s"
            if value.startswith(FORMULA_PREFIXES):
                cell.quotePrefix = True
        else:
            cell.value = value
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def build_xlsx(process: Process) -> bytes:
    """Return the workbook: overview with chart, one sheet per field and per theme."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    rows = queries.export_rows(process)
    summaries = queries.field_summaries(process)
    groups = list(process.target_groups)
    themes = queries.theme_names(process)
    book = Workbook()
    taken: set[str] = set()

    overview = book.active
    overview.title = sheet_title(_("Übersicht"), taken)
    _write_row(overview, [_("Workshop-Material: %(name)s", name=process.name)], bold=True)
    overview["A1"].font = Font(bold=True, size=14)
    _write_row(
        overview,
        [_("Beiträge je Handlungsfeld und Zielgruppe; Zellen unter 5 werden als „<5“ gezeigt.")],
    )
    _write_row(overview, [])
    header_row = overview.max_row + 1
    _write_row(
        overview,
        [_("Handlungsfeld"), _("Beiträge"), *[g.name for g in groups], _("ohne Angabe")],
        bold=True,
    )
    for summary in summaries:
        if summary.code == OFF_TOPIC and not summary.total:
            continue
        _write_row(
            overview,
            [
                summary.name,
                summary.total,
                *[display_count(summary.by_target_group.get(g.id, 0)) for g in groups],
                display_count(summary.by_target_group.get(None, 0)),
            ],
        )
    last_row = overview.max_row
    overview.column_dimensions["A"].width = 45
    for column in range(2, len(groups) + 4):
        overview.cell(row=header_row, column=column).alignment = Alignment(wrap_text=True)
    if last_row > header_row:
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = _("Beiträge je Handlungsfeld")
        chart.y_axis.title = _("Beiträge")
        chart.legend = None
        data = Reference(overview, min_col=2, min_row=header_row, max_row=last_row)
        labels = Reference(overview, min_col=1, min_row=header_row + 1, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.height, chart.width = 9, 18
        overview.add_chart(chart, f"A{last_row + 3}")

    by_field = defaultdict(list)
    for row in rows:
        by_field[row.field_code].append(row)
    columns = [
        _("Nr."),
        _("Unterthema"),
        _("Beitrag"),
        _("Quelle"),
        _("Zielgruppe"),
        process.district_label,
        _("Querschnittsthemen"),
        _("Sicherheit"),
        _("Bestätigt"),
    ]
    for summary in summaries:
        if summary.code == OFF_TOPIC and not summary.total:
            continue
        label = summary.code if summary.code != OFF_TOPIC else _("Sonstiges")
        sheet = book.create_sheet(sheet_title(f"{label} {summary.name}", taken))
        _write_row(sheet, [summary.name], bold=True)
        sheet["A1"].font = Font(bold=True, size=13)
        _write_row(sheet, [_("Beiträge"), summary.total])
        _write_row(sheet, [])
        _write_row(sheet, [_("Unterthema"), _("Beiträge")], bold=True)
        for sub in queries.subtopic_summaries(process, summary.code, with_quotes=False):
            _write_row(sheet, [sub.name, sub.count])
        _write_row(sheet, [])
        _write_row(sheet, columns, bold=True)
        for row in by_field.get(summary.code, []):
            _write_row(sheet, _contribution_cells(row))
        _format_list_sheet(sheet)

    for code, name in themes.items():
        sheet = book.create_sheet(sheet_title(f"{code} {name}", taken))
        tagged = [row for row in rows if name in row.themes]
        _write_row(sheet, [name], bold=True)
        sheet["A1"].font = Font(bold=True, size=13)
        _write_row(sheet, [_("Beiträge"), len(tagged)])
        _write_row(sheet, [])
        _write_row(sheet, [_("Handlungsfeld"), _("Beiträge")], bold=True)
        per_field = Counter(row.field_name for row in tagged)
        for field_name, count in per_field.most_common():
            _write_row(sheet, [field_name, count])
        _write_row(sheet, [])
        _write_row(sheet, [_("Handlungsfeld"), *columns], bold=True)
        for row in tagged:
            _write_row(sheet, [row.field_name, *_contribution_cells(row)])
        _format_list_sheet(sheet)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _contribution_cells(row) -> list:
    return [
        row.contribution_id,
        row.subtopic,
        row.text,
        row.source,
        row.target_group,
        row.district,
        ", ".join(row.themes),
        round(row.confidence, 2),
        _yes_no(row.confirmed),
    ]


def _format_list_sheet(sheet) -> None:
    widths = {"A": 30, "B": 28, "C": 70, "D": 16, "E": 24, "F": 18, "G": 28, "H": 10, "I": 10}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


# -- DOCX ------------------------------------------------------------------------------------


def _bar_chart_png(labels: list[str], values: list[int], title: str) -> bytes:
    """Return a horizontal bar chart as PNG (matplotlib, Agg backend, system DejaVu font)."""
    import matplotlib

    matplotlib.use("Agg")
    import textwrap

    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.3, max(1.6, 0.45 * len(labels) + 0.9)), dpi=150)
    axes = figure.subplots()
    wrapped = ["\n".join(textwrap.wrap(label, 38)) or "–" for label in labels]
    positions = list(range(len(labels)))
    bars = axes.barh(positions, values, color="#0b5a7a")
    axes.set_yticks(positions, wrapped, fontsize=8, fontfamily="DejaVu Sans")
    axes.invert_yaxis()
    axes.set_title(title, fontsize=10, fontfamily="DejaVu Sans")
    axes.bar_label(bars, fontsize=8, padding=2)
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def survey_results_for_field(process: Process, field_code: str) -> list[dict]:
    """Return the survey results tagged with a field (closed questions and their counts)."""
    from participation.surveys.queries import results_for_field

    return results_for_field(process, field_code)


def build_docx(process: Process, field_code: str | None = None) -> bytes:
    """Return the printable handout (A4) for one field of action or for all."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10.5)
    document.core_properties.title = _("Workshop-Unterlagen: %(name)s", name=process.name)
    document.core_properties.language = "de-DE"

    summaries = [
        s
        for s in queries.field_summaries(process)
        if (field_code is None and (s.code != OFF_TOPIC)) or s.code == field_code
    ]
    document.add_heading(_("Workshop-Unterlagen"), level=0)
    document.add_paragraph(process.name)
    if field_code is None:
        document.add_heading(_("Überblick"), level=1)
        document.add_paragraph(
            _(
                "%(n)s Beiträge aus der Beteiligungsphase, nach Handlungsfeldern geordnet.",
                n=sum(s.total for s in queries.field_summaries(process)),
            )
        )
        chart = _bar_chart_png(
            [s.name for s in summaries],
            [s.total for s in summaries],
            _("Beiträge je Handlungsfeld"),
        )
        document.add_picture(io.BytesIO(chart), width=Cm(16))

    groups = {g.id: g.name for g in process.target_groups}
    for number, summary in enumerate(summaries):
        if number or field_code is None:
            document.add_page_break()
        document.add_heading(summary.name, level=1)
        document.add_paragraph(
            _(
                "%(n)s Beiträge, davon %(confirmed)s von der Projektleitung bestätigt.",
                n=summary.total,
                confirmed=summary.confirmed,
            )
        )
        subtopics = queries.subtopic_summaries(process, summary.code)
        if subtopics:
            document.add_heading(_("Unterthemen"), level=2)
            table = document.add_table(rows=1, cols=2)
            table.style = "Light Grid Accent 1"
            table.rows[0].cells[0].text = _("Unterthema")
            table.rows[0].cells[1].text = _("Beiträge")
            for sub in subtopics:
                cells = table.add_row().cells
                cells[0].text = sub.name
                cells[1].text = str(sub.count)
            chart = _bar_chart_png(
                [s.name for s in subtopics],
                [s.count for s in subtopics],
                _("Beiträge je Unterthema"),
            )
            document.add_picture(io.BytesIO(chart), width=Cm(15))
        if summary.by_target_group:
            document.add_heading(_("Wer hat sich geäußert?"), level=2)
            table = document.add_table(rows=1, cols=2)
            table.style = "Light Grid Accent 1"
            table.rows[0].cells[0].text = _("Zielgruppe")
            table.rows[0].cells[1].text = _("Beiträge")
            for group_id, count in sorted(
                summary.by_target_group.items(), key=lambda item: -item[1]
            ):
                cells = table.add_row().cells
                cells[0].text = groups.get(group_id) or _("ohne Angabe")
                cells[1].text = display_count(count)
        for sub in subtopics:
            if not sub.quotes:
                continue
            document.add_heading(
                _("%(name)s (%(n)s Beiträge)", name=sub.name, n=sub.count), level=3
            )
            for quote in sub.quotes:
                document.add_paragraph(f"„{quote.contribution.text}“", style="Quote")
        results = survey_results_for_field(process, summary.code)
        if results:
            document.add_heading(_("Ergebnisse der Umfragen"), level=2)
            for result in results:
                document.add_paragraph(str(result.get("question", "")), style="List Bullet")
                for label, count in result.get("answers", []):
                    document.add_paragraph(f"{label}: {display_count(int(count))}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
