"""Exports: read back with openpyxl and python-docx, converted by LibreOffice, logged."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from participation.accounts.models import AuditLogEntry, Role
from participation.extensions import db
from participation.workshop import exports, operations
from tests.workshop.conftest import add_texts

WORKSHOP = "/staff/p/{slug}/workshop"
HOSTILE = '=HYPERLINK("http://example.invalid","klick")'


def analyse(process):
    run = operations.start_run(process, "test")
    db.session.commit()
    assert operations.execute_run(run.id).error == ""


@pytest.fixture
def analysed(family, lead):
    add_texts(family, [("families", None, HOSTILE + " Kita-Plätze fehlen")])
    analyse(family)
    return family


def download(client, auth, process, path):
    auth.login()
    response = client.get(f"{WORKSHOP.format(slug=process.slug)}/{path}")
    assert response.status_code == 200, response.status_code
    assert "attachment; filename=" in response.headers["Content-Disposition"]
    return response.data


def test_xlsx_workbook(client, auth, analysed):
    data = download(client, auth, analysed, "export.xlsx")
    book = load_workbook(io.BytesIO(data))
    names = book.sheetnames
    assert names[0] == "Übersicht"
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert any(n.startswith("HF2 ") for n in names) and any(n.startswith("QT2 ") for n in names)
    overview = book["Übersicht"]
    assert len(overview._charts) == 1
    rows = list(overview.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Handlungsfeld")
    assert "Familien und Eltern" in header and "Kinder und Jugendliche" in header
    cells = [c for r in rows for c in r if c is not None]
    assert "<5" in cells  # small-cell suppression
    hf2 = book[next(n for n in names if n.startswith("HF2 "))]
    values = [c for r in hf2.iter_rows(values_only=True) for c in r if c is not None]
    assert "Familie und Arbeitswelt, Betreuung" in values
    assert any("Krippenplatz" in str(v) for v in values)
    # The hostile text is a plain string cell, never a formula.
    hostile = next(c for r in hf2.iter_rows() for c in r if str(c.value).startswith("=HYPER"))
    assert hostile.data_type == "s" and hostile.quotePrefix
    inclusion = book[next(n for n in names if n.startswith("QT2 "))]
    assert any("Rollstuhl" in str(c) for r in inclusion.iter_rows(values_only=True) for c in r)
    assert db.session.scalar(select(AuditLogEntry).where(AuditLogEntry.action == "workshop_export"))


def test_docx_handout(client, auth, analysed):
    data = download(client, auth, analysed, "handout.docx")
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert abs(section.page_width.cm - 21) < 0.1 and abs(section.page_height.cm - 29.7) < 0.1
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert "Workshop-Unterlagen" in headings and "Unterthemen" in headings
    assert "Familie und Arbeitswelt, Betreuung" in headings
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes and all(q.startswith("„") for q in quotes)
    assert len(document.inline_shapes) >= 2  # charts
    one = Document(io.BytesIO(download(client, auth, analysed, "handout.docx?field=HF5")))
    one_headings = [p.text for p in one.paragraphs if p.style.name.startswith("Heading")]
    assert "Wohnumfeld und Lebensqualität" in one_headings
    assert "Bildung und Erziehung" not in one_headings
    assert (
        client.get(f"{WORKSHOP.format(slug=analysed.slug)}/handout.docx?field=XX").status_code
        == 404
    )


def test_csv_export(client, auth, analysed):
    data = download(client, auth, analysed, "export.csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nr." and "Handlungsfeld" in rows[0]
    assert len(rows) == 1 + 25
    hostile = next(r for r in rows if HOSTILE in r[-1])
    assert hostile[-1].startswith("'=")


def test_cards_page(client, auth, analysed):
    auth.login()
    response = client.get(f"{WORKSHOP.format(slug=analysed.slug)}/cards")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('class="cluster-card"') >= 6
    assert "Themenkarten für die Pinnwand" in page and "workshop.css" in page


def test_quarter_exports_show_the_four_fields(client, auth, factory, quarter):
    factory.user("lead@test.example", role=Role.LEAD, process=quarter)
    analyse(quarter)
    book = load_workbook(io.BytesIO(download(client, auth, quarter, "export.xlsx")))
    assert [n[:3] for n in book.sheetnames[1:5]] == ["WQ1", "WQ2", "WQ3", "WQ4"]
    document = Document(io.BytesIO(download(client, auth, quarter, "handout.docx")))
    headings = {p.text for p in document.paragraphs}
    assert {f.name for f in quarter.fields_of_action} <= headings


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    first = exports.sheet_title("HF2 Familie und Arbeitswelt, Betreuung: [alles]?", taken)
    second = exports.sheet_title("HF2 Familie und Arbeitswelt, Betreuung: [alles]?", taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set(first + second) & set("[]:*?/\\")
    assert exports.neutralise("@SUM(A1)") == "'@SUM(A1)" and exports.neutralise("ok") == "ok"


def test_survey_results_tagged_with_the_field_join_the_handout(analysed):
    from participation.surveys import operations as surveys
    from participation.surveys.models import QuestionType, SurveyState

    def paragraphs(field_code):
        document = Document(io.BytesIO(exports.build_docx(analysed, field_code)))
        return [p.text for p in document.paragraphs]

    assert "Ergebnisse der Umfragen" not in paragraphs("HF2")
    survey = surveys.create_survey(analysed, "Familienbefragung", first_section="Betreuung")
    question = surveys.add_question(
        survey.sections[0],
        QuestionType.SINGLE_CHOICE,
        "Wie zufrieden sind Sie mit der Kinderbetreuung?",
    )
    surveys.update_question(
        question,
        text=question.text,
        required=True,
        options=["gut", "schlecht"],
        field_codes=["HF2"],
    )
    survey.state = SurveyState.OPEN
    db.session.commit()
    good, bad = (o.id for o in question.options)
    for number, choice in enumerate([good] * 12 + [bad] * 3):
        surveys.store_response(
            survey, {str(question.id): {"choice": choice}}, submission_token=f"t{number}"
        )
    db.session.commit()
    text = paragraphs("HF2")
    assert "Ergebnisse der Umfragen" in text
    assert "gut: 12" in text and "schlecht: <5" in text
    assert "Ergebnisse der Umfragen" not in paragraphs("HF6")


def _office():
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_office() is None, reason="LibreOffice ist nicht installiert")
def test_libreoffice_converts_workbook_and_handout(analysed, tmp_path):
    (tmp_path / "material.xlsx").write_bytes(exports.build_xlsx(analysed))
    (tmp_path / "handout.docx").write_bytes(exports.build_docx(analysed))
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            _office(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "material.xlsx"),
            str(tmp_path / "handout.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in ("material.pdf", "handout.pdf"):
        pdf = tmp_path / "out" / name
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size > 2000
