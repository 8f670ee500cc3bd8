"""Evaluation of an analyzer on labelled records: zero-shot, a given model, or K-fold training."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import MultiLabelBinarizer

from nlp.api import Analyzer


def scores(
    records: Sequence[Mapping], fields: Sequence[str], themes: Sequence[Sequence[str]]
) -> dict[str, float]:
    """Return accuracy and macro-F1 for the field and micro-F1 for themes."""
    truth = [str(r["field"]) for r in records]
    result = {
        "n": len(records),
        "field_accuracy": float(accuracy_score(truth, fields)),
        "field_macro_f1": float(f1_score(truth, fields, average="macro", zero_division=0)),
    }
    if any("themes" in r for r in records):
        true_themes = [list(r.get("themes") or []) for r in records]
        binarizer = MultiLabelBinarizer()
        binarizer.fit(true_themes + [list(t) for t in themes])
        result["themes_micro_f1"] = float(
            f1_score(
                binarizer.transform(true_themes),
                binarizer.transform(themes),
                average="micro",
                zero_division=0,
            )
        )
    return result


def evaluate(
    records: Sequence[Mapping],
    frame: str = "family",
    analyzer: Analyzer | None = None,
    cv: int | None = None,
    random_state: int = 0,
) -> dict[str, float]:
    """Score zero-shot (or `analyzer`), or, with `cv`, K-fold training on the records themselves.

    With `cv` each fold is classified by a model trained on the other folds plus seed knowledge;
    no record is ever scored by a model that saw it.
    """
    records = list(records)
    texts = [str(r["text"]) for r in records]
    if not cv:
        analyzer = analyzer or Analyzer.zero_shot(frame)
        results = analyzer.classify(texts)
        return scores(records, [c.field for c in results], [c.themes for c in results])
    labels = np.array([str(r["field"]) for r in records])
    _, counts = np.unique(labels, return_counts=True)
    if counts.min() >= cv:
        splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    else:
        splitter = KFold(n_splits=cv, shuffle=True, random_state=random_state)
    fields: list[str] = [""] * len(records)
    themes: list[list[str]] = [[] for _ in records]
    for train, test in splitter.split(texts, labels):
        model = Analyzer.train([records[i] for i in train], frame=frame)
        for i, c in zip(test, model.classify([texts[i] for i in test]), strict=True):
            fields[i], themes[i] = c.field, c.themes
    result = scores(records, fields, themes)
    result["cv"] = cv
    return result
