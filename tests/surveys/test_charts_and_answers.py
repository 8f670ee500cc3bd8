"""The SVG chart helper and answer parsing, without HTTP."""

from participation.charts import bar_chart, column_chart
from participation.surveys.answers import format_number, parse_number


def test_bar_chart_escapes_labels_and_marks_suppressed_cells():
    svg = str(bar_chart([("<script>alert(1)</script>", 3), ("Nordstadt", None)], title="A & B"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<title>A &amp; B</title>" in svg
    assert "&lt;5" in svg and "style=" not in svg


def test_column_chart_draws_one_column_per_day():
    svg = str(column_chart([("01.11.", 2), ("02.11.", 5), ("03.11.", 0)], title="Antworten"))
    assert svg.count("<rect") == 3


def test_numbers_are_read_and_shown_the_german_way():
    assert parse_number("2,5") == 2.5
    assert parse_number("2.5") == 2.5  # a phone keypad's decimal point
    assert parse_number("1.000,5") == 1000.5
    assert parse_number(" 4 ") == 4
    assert (
        parse_number("vier") is None and parse_number("nan") is None and parse_number("inf") is None
    )
    assert format_number(2.5) == "2,5" and format_number(3.0) == "3"
