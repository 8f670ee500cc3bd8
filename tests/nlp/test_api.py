import pytest

from nlp.api import Analyzer, Classification, Subtopic, cluster_field
from nlp.taxonomy import OTHER, load_frame

CASES = {
    "HF2": "Wir finden keinen Krippenplatz und die Kita schließt schon um 14 Uhr.",
    "HF5": "Der Spielplatz ist kaputt und auf der Straße fahren die Autos viel zu schnell.",
    "HF6": "Meine Mutter hat Demenz, ich pflege sie allein und bräuchte Entlastung.",
    "HF3": "In der Grundschule fällt dauernd Unterricht aus, die Lehrer fehlen.",
}


def test_zero_shot_sorts_clear_cases(zero_shot):
    results = zero_shot.classify(list(CASES.values()))
    assert all(isinstance(r, Classification) for r in results)
    assert [r.field for r in results] == list(CASES)
    for r in results:
        assert r.fields[0] == r.field and 0.0 <= r.confidence <= 1.0
        assert isinstance(r.needs_review, bool)


def test_praise_and_spam_are_other(zero_shot):
    results = zero_shot.classify(["Danke, weiter so!", "🙂🙂🙂", ""])
    assert [r.field for r in results] == [OTHER] * 3
    assert all(r.fields == [] and r.themes == [] for r in results)


def test_themes_are_multi_label(zero_shot):
    [result] = zero_shot.classify(
        ["Mit dem Rollstuhl komme ich nicht in die Kita, und die Infos gibt es nur auf Deutsch."]
    )
    assert {"QT2"} <= set(result.themes)


def test_classification_is_deterministic(zero_shot):
    texts = list(CASES.values())
    assert zero_shot.classify(texts) == zero_shot.classify(texts)


def test_rank_for_review_returns_each_index_once(zero_shot):
    texts = [*CASES.values(), "Irgendwie alles und nichts", "Schule und Kita und Spielplatz"]
    order = zero_shot.rank_for_review(texts)
    assert sorted(order) == list(range(len(texts)))
    assert zero_shot.rank_for_review(texts, k=2) == order[:2]
    assert order.index(0) > order.index(5)


def test_training_on_a_towns_own_labels(own_model):
    analyzer, _ = own_model
    assert set(analyzer.field_model.classes_) == {"licht", "muell"}
    results = analyzer.classify(["Die Laterne an der Ecke ist dunkel.", "Müll und Abfälle im Wald"])
    assert [r.field for r in results] == ["licht", "muell"]


def test_save_and_load_round_trip(own_model, tmp_path):
    analyzer, directory = own_model
    loaded = Analyzer.load(directory)
    texts = ["Kein Licht im Treppenhaus", "Abfall im Park"]
    assert loaded.classify(texts) == analyzer.classify(texts)
    analyzer.save(tmp_path / "again")
    analyzer.save(tmp_path / "again")  # overwriting replaces the old model
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == ["meta.json", "model.pkl"]
    assert [p.name for p in tmp_path.iterdir()] == ["again"]


def test_load_rejects_unreadable_directories(tmp_path):
    with pytest.raises(ValueError, match="nicht lesbar"):
        Analyzer.load(tmp_path / "missing")
    (tmp_path / "meta.json").write_text('{"format_version": 1}')
    (tmp_path / "model.pkl").write_bytes(b"not a pickle")
    with pytest.raises(ValueError, match="nicht lesbar"):
        Analyzer.load(tmp_path)


def test_quarter_frame_zero_shot():
    analyzer = Analyzer.zero_shot("quarter")
    frame = load_frame("quarter")
    texts = [
        "Die Nebenkosten für unsere Wohnung sind gestiegen und die Heizung ist kaputt.",
        "Im Innenhof fehlen Bänke und die Beleuchtung der Wege ist schlecht.",
        "Ein Nachbarschaftstreff mit Café für Jung und Alt wäre schön.",
        "Der Mieterbeirat wird von der Hausverwaltung nicht informiert.",
    ]
    fields = [r.field for r in analyzer.classify(texts)]
    assert fields == ["WQ2", "WQ3", "WQ4", "WQ1"]
    assert set(fields) <= set(frame.field_ids) | {OTHER}


def test_cluster_field_groups_topics_deterministically():
    texts = [
        "Der Spielplatz braucht neue Schaukeln.",
        "Die Rutsche auf dem Spielplatz ist kaputt.",
        "Mehr Spielgeräte auf dem Spielplatz bitte.",
        "Der Spielplatz ist kaputt, neue Schaukeln!",
        "Die Busse fahren abends nicht mehr.",
        "Bessere Busverbindung am Wochenende.",
        "Der Bus kommt abends zu selten.",
        "Die Busse fahren abends nicht mehr!",
    ]
    groups = ["families", "youth", "families", None, "seniors", "citizens", "seniors", "seniors"]
    first = cluster_field(texts, target_groups=groups, random_state=0)
    assert first == cluster_field(texts, target_groups=groups, random_state=0)
    assert all(isinstance(s, Subtopic) for s in first)
    assert sorted(i for s in first for i in s.members) == list(range(len(texts)))
    membership = {i: n for n, s in enumerate(first) for i in s.members}
    assert membership[0] == membership[1] != membership[4] == membership[6]
    for s in first:
        assert s.label and 1 <= len(s.representatives) <= 3
        assert set(s.representatives) <= set(s.members)
        assert sum(s.counts_by_target_group.values()) == len(s.members)
    duplicates = [g for s in first for g in s.duplicate_groups]
    assert [4, 7] in duplicates


def test_cluster_field_handles_tiny_inputs():
    assert cluster_field([]) == []
    [only] = cluster_field(["Ein einziger Beitrag"])
    assert only.members == [0] and only.representatives == [0]


def test_a_few_corrections_never_shrink_the_model_to_the_labels_seen():
    from nlp.api import Analyzer

    records = [
        {"text": "Die Kita sollte länger geöffnet haben.", "field": "HF2"},
        {"text": "Wir brauchen mehr Krippenplätze.", "field": "HF2"},
        {"text": "Der Spielplatz ist kaputt.", "field": "HF5"},
    ]
    analyzer = Analyzer.train(records)
    result = analyzer.classify(["Meine demenzkranke Mutter braucht einen Pflegeplatz im Heim."])
    assert result[0].field == "HF6"


def test_a_town_coding_frame_gets_no_audit_seed_labels():
    from nlp.api import Analyzer

    records = [{"text": f"Text über Radwege Nummer {i}", "field": "Radverkehr"} for i in range(4)]
    records += [{"text": f"Text über Parkplätze Nummer {i}", "field": "Parken"} for i in range(4)]
    analyzer = Analyzer.train(records)
    assert {c.field for c in analyzer.classify(["Radwege!", "Parkplätze?"])} <= {
        "Radverkehr",
        "Parken",
    }


def test_zero_shot_models_are_cached_on_disk(tmp_path, monkeypatch):
    from nlp import api

    monkeypatch.setenv("NLP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(api, "_ZERO_SHOT", {})
    first = api.Analyzer.zero_shot("quarter").classify(["Der Aufzug ist kaputt."])
    cached = api.zero_shot_cache_file("quarter")
    assert cached.exists() and cached.parent == tmp_path
    monkeypatch.setattr(api, "_ZERO_SHOT", {})
    monkeypatch.setattr(
        api.FieldClassifier,
        "fit",
        lambda *a, **k: (_ for _ in ()).throw(AssertionError("must load from the cache, not fit")),
    )
    again = api.Analyzer.zero_shot("quarter").classify(["Der Aufzug ist kaputt."])
    assert again[0].field == first[0].field


def test_cluster_field_uses_the_frames_examples_as_reference():
    from nlp.api import field_examples

    reference = field_examples("family", "HF5")
    assert reference and len(reference) > 100
    assert field_examples("family", "EIGENE-KATEGORIE") is None
    assert field_examples(None, "HF5") is None
    # Playground and bus wishes share few words with each other; the examples tell them apart.
    texts = [
        "Die Rutsche auf dem Spielplatz ist kaputt.",
        "Neue Schaukeln und ein Sandkasten für die Kleinen.",
        "Der Spielplatz braucht Schatten und Bänke.",
        "Klettergerüst am Spielplatz reparieren!",
        "Der Bus fährt abends nicht mehr.",
        "Bessere Busverbindung am Wochenende.",
        "Die Buslinie 3 kommt zu selten.",
        "Abends fährt kein Bus ins Dorf.",
    ]
    first = cluster_field(texts, random_state=0, reference=reference)
    assert first == cluster_field(texts, random_state=0, reference=reference)
    assert sorted(i for s in first for i in s.members) == list(range(len(texts)))
    membership = {i: n for n, s in enumerate(first) for i in s.members}
    assert membership[0] != membership[4]
    # Too little reference is ignored rather than an error.
    assert cluster_field(texts, random_state=0, reference=["Ein Satz"]) == cluster_field(
        texts, random_state=0
    )
