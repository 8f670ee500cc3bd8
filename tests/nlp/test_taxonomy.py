import pytest

from nlp.classify import example_corpus, field_seed_corpus, theme_seed_corpus
from nlp.taxonomy import OTHER, available_frames, load_examples_file, load_frame


@pytest.mark.parametrize("name", ["family", "quarter"])
def test_example_files_load_and_cover_every_category(name):
    frame = load_frame(name)
    assert name in available_frames()
    counts: dict[str, int] = {}
    for example in frame.examples:
        counts[example.category] = counts.get(example.category, 0) + 1
        assert example.text and " | " not in example.text
    known = set(frame.field_ids) | set(frame.theme_ids) | {OTHER}
    assert set(frame.field_ids) | {OTHER} <= set(counts) <= known
    covered = set(counts) | {t for e in frame.examples for t in e.tags}
    assert covered == known, "every field, theme and 'sonstiges' has examples"
    minimum_field = 50 if name == "family" else 25
    for field_id in frame.field_ids:
        assert counts[field_id] >= minimum_field, field_id
    assert counts[OTHER] >= (40 if name == "family" else 20)
    if name == "family":
        assert all(counts[t] >= 25 for t in frame.theme_ids)
    tags = {t for e in frame.examples for t in e.tags}
    assert tags <= known, f"unknown ids after ' | ': {tags - known}"
    assert frame.other is not None


@pytest.mark.parametrize("name", ["family", "quarter"])
def test_seed_corpora_use_the_examples(name):
    frame = load_frame(name)
    texts, labels, weights = field_seed_corpus(frame, None)
    assert set(labels) == set(frame.field_ids) | {OTHER}
    assert len(texts) == len(labels) == len(weights)
    theme_texts, sets, _ = theme_seed_corpus(frame)
    assert {t for s in sets for t in s} == set(frame.theme_ids)
    assert len(example_corpus(frame)) <= len(frame.examples) + 100
    assert len(theme_texts) > len(frame.examples) // 2


def test_example_file_format(tmp_path):
    path = tmp_path / "x_examples.txt"
    path.write_text("# comment\n\n[A]\nerster Text | QT1 QT2\nzweiter Text\n[B]\ndritter\n")
    examples = load_examples_file(path)
    assert [(e.text, e.category, e.tags) for e in examples] == [
        ("erster Text", "A", ("QT1", "QT2")),
        ("zweiter Text", "A", ()),
        ("dritter", "B", ()),
    ]
    path.write_text("ohne Abschnitt\n")
    with pytest.raises(ValueError, match="Zeile 1"):
        load_examples_file(path)
