import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from nlp.classify import FieldClassifier, ThemeClassifier
from nlp.features import LemmaVectorizer

TEXTS = ["Die Kita schließt zu früh", "Der Spielplatz ist kaputt", "Kitaplatz gesucht"]


@pytest.mark.parametrize(
    "estimator",
    [FieldClassifier(frame="quarter", C=3.0), ThemeClassifier(threshold=0.3), LemmaVectorizer()],
)
def test_clone_and_params(estimator):
    copy = clone(estimator)
    assert copy.get_params() == estimator.get_params()
    assert copy is not estimator
    assert not any(k.endswith("_") for k in vars(copy))


def test_init_only_stores_parameters():
    estimator = FieldClassifier(frame="no-such-frame")
    assert estimator.get_params()["frame"] == "no-such-frame"
    with pytest.raises(ValueError):
        estimator.fit([], [])


def test_unfitted_estimators_refuse_to_predict():
    for estimator in (FieldClassifier(), ThemeClassifier(), LemmaVectorizer()):
        with pytest.raises(NotFittedError):
            (estimator.transform if hasattr(estimator, "transform") else estimator.predict)(TEXTS)


def test_fit_returns_self_and_is_idempotent():
    y = ["a", "b", "a"]
    model = FieldClassifier(frame=None)
    assert model.fit(TEXTS, y) is model
    first = model.predict_proba(TEXTS)
    second = clone(model).fit(TEXTS, y).fit(TEXTS, y).predict_proba(TEXTS)
    np.testing.assert_allclose(first, second)
    assert list(model.classes_) == ["a", "b"]
    assert model.score(TEXTS, y) == 1.0
    themes = ThemeClassifier(frame=None)
    assert themes.fit(TEXTS, [["x"], [], ["x"]]) is themes


def test_set_params_changes_the_model():
    model = FieldClassifier().set_params(C=1.0, seed_weight=0.1)
    assert model.C == 1.0 and model.seed_weight == 0.1


def test_vectorizer_shares_ngrams_with_unseen_compounds():
    vec = LemmaVectorizer().fit(["Spielplatz", "Bücherei"])
    rows = vec.transform(["Spielplatzsanierung", "Bücher"]).toarray()
    assert (rows > 0).sum(axis=1).min() > 0


def test_seed_lexicon_matches_whole_phrases_only():
    from nlp.classify import SeedLexicon
    from nlp.taxonomy import Category

    lexicon = SeedLexicon(
        [Category("a", "Alpha", seeds=("Bezahlbarer Wohnraum", "Rampe")), Category("b", "Beta")]
    )
    docs = [["bezahlbar", "wohnraum", "rampe"], ["wohnraum"], [], ["beta", "rampe"]]
    np.testing.assert_array_equal(lexicon.scores(docs), [[2, 0], [0, 0], [0, 0], [1, 1]])
