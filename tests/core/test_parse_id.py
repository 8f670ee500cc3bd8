"""Row ids from forms and URLs: only plain numbers the database can hold."""

import pytest

from participation.database import MAX_ID, parse_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 1), (" 42 ", 42), (7, 7), (str(MAX_ID), MAX_ID), ("0012", 12)],
)
def test_plain_ids(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        " ",
        "0",
        "-3",
        "+3",
        "1.5",
        "1e3",
        "²",
        "٣",
        "３",
        str(MAX_ID + 1),
        "9" * 40,
        "12a",
    ],
)
def test_everything_else_is_none(raw):
    assert parse_id(raw) is None
