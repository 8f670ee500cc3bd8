from participation.statistics import display_count, suppress


def test_small_cells_are_suppressed_but_zero_is_shown():
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]
    assert display_count(3) == "<5" and display_count(0) == "0" and display_count(7) == "7"
