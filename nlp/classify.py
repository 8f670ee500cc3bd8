"""Estimators for fields of action (single label) and cross-cutting themes (multi-label).

Both follow the scikit-learn contract and accept raw texts or lemma lists (see
`nlp.features.as_token_lists`). Both learn from the coding frame's seed knowledge (seed words,
names, descriptions and example sentences shipped in `nlp/taxonomy/*.toml`) and from any
labelled contributions given to `fit`; with no labelled contributions they are zero-shot.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from nlp.features import Docs, LemmaVectorizer, as_token_lists
from nlp.preprocess import analyze
from nlp.taxonomy import OTHER, Category, Frame, load_frame


def _frame(frame: str | Frame | None) -> Frame | None:
    if frame is None or isinstance(frame, Frame):
        return frame
    return load_frame(frame)


def seed_documents(category: Category) -> list[str]:
    """Return the pseudo-documents that describe a category: name, description parts, seeds."""
    docs = [category.name, *category.seeds, *category.examples]
    docs.extend(part.strip() for part in category.description.split(",") if part.strip())
    return docs


class SeedLexicon:
    """Seed lemmas per category, matched against lemma lists (compound parts included)."""

    def __init__(self, categories: Sequence[Category]):
        self.ids = [c.id for c in categories]
        self.entries: list[list[tuple[str, ...]]] = []
        for category in categories:
            phrases = analyze([*category.seeds, category.name])
            self.entries.append(sorted({tuple(dict.fromkeys(p)) for p in phrases if p}))

    def scores(self, docs: list[list[str]]) -> np.ndarray:
        """Return, per document and category, the number of matched seed phrases."""
        out = np.zeros((len(docs), len(self.ids)))
        for i, doc in enumerate(docs):
            present = set(doc)
            for j, phrases in enumerate(self.entries):
                out[i, j] = sum(1 for p in phrases if all(w in present for w in p))
        return out


class FieldClassifier(ClassifierMixin, BaseEstimator):
    """Primary field of action: linear models on lemma + n-gram TF-IDF, seed knowledge included.

    `frame` names a coding frame; its fields (and its `other` examples for "sonstiges") become
    pseudo-documents with weight `seed_weight` for every label that the training data uses, or
    for all of them when there is no training data (zero-shot). Labels not in the frame are
    learned from the data alone, so a town may code by its own categories.
    """

    def __init__(
        self,
        frame: str | None = "family",
        seed_weight: float = 1.0,
        C: float = 10.0,
        lexicon_weight: float = 0.15,
        class_weight: str | None = "balanced",
    ):
        self.frame = frame
        self.seed_weight = seed_weight
        self.C = C
        self.lexicon_weight = lexicon_weight
        self.class_weight = class_weight

    def _seed_categories(self, labels: set[str] | None) -> list[Category]:
        frame = _frame(self.frame)
        if frame is None:
            return []
        cats = list(frame.fields) + ([frame.other] if frame.other else [])
        return [c for c in cats if labels is None or c.id in labels]

    def fit(self, X: Docs, y: Sequence[str] | None = None):
        """Learn from labelled documents `X`, `y` plus seed knowledge (zero-shot if X is empty)."""
        docs = as_token_lists(X)
        labels = [str(v) for v in (y if y is not None else [])]
        if len(labels) != len(docs):
            raise ValueError("X und y haben unterschiedlich viele Einträge")
        categories = self._seed_categories(set(labels) if labels else None)
        seed_docs: list[list[str]] = []
        seed_labels: list[str] = []
        for category in categories:
            pseudo = analyze(seed_documents(category))
            seed_docs.extend(pseudo)
            seed_labels.extend([category.id] * len(pseudo))
        all_labels = labels + seed_labels
        if len(set(all_labels)) < 2:
            raise ValueError(
                "Zum Trainieren werden mindestens zwei verschiedene Kategorien benötigt"
            )
        weights = np.r_[np.ones(len(docs)), np.full(len(seed_docs), self.seed_weight)]
        if not docs:
            weights[:] = 1.0
        self.vectorizer_ = LemmaVectorizer()
        matrix = self.vectorizer_.fit_transform(docs + seed_docs)
        target = np.asarray(all_labels)
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=3000)
        self.model_.fit(matrix, target, sample_weight=weights)
        self.margin_model_ = LinearSVC(
            C=self.C / 20, class_weight=self.class_weight, random_state=0
        )
        self.margin_model_.fit(matrix, target, sample_weight=weights)
        self.classes_ = self.model_.classes_
        self.lexicon_ = SeedLexicon(categories)
        self.lexicon_index_ = np.array(
            [list(self.classes_).index(i) for i in self.lexicon_.ids], dtype=int
        )
        self.n_labelled_ = len(docs)
        return self

    def predict_proba(self, X: Docs) -> np.ndarray:
        """Return class probabilities (columns in `classes_` order)."""
        check_is_fitted(self, "model_")
        docs = as_token_lists(X)
        matrix = self.vectorizer_.transform(docs)
        proba = self.model_.predict_proba(matrix)
        margin = self.margin_model_.decision_function(matrix)
        if margin.ndim == 1:
            margin = np.c_[-margin, margin]
        soft = np.exp(3.0 * (margin - margin.max(axis=1, keepdims=True)))
        proba = 0.5 * proba + 0.5 * soft / soft.sum(axis=1, keepdims=True)
        if self.lexicon_weight and len(self.lexicon_index_):
            hits = self.lexicon_.scores(docs)
            share = np.zeros_like(proba)
            share[:, self.lexicon_index_] = hits
            total = share.sum(axis=1, keepdims=True)
            has = total[:, 0] > 0
            share[has] /= total[has]
            proba = proba + self.lexicon_weight * share
        empty = np.array([len(d) == 0 for d in docs])
        if empty.any() and OTHER in self.classes_:
            proba[empty] = 0.0
            proba[empty, list(self.classes_).index(OTHER)] = 1.0
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X: Docs) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class ThemeClassifier(BaseEstimator):
    """Cross-cutting themes (multi-label): one-vs-rest logistic regression plus seed lexicon."""

    def __init__(
        self,
        frame: str | None = "family",
        seed_weight: float = 0.5,
        C: float = 10.0,
        threshold: float = 0.4,
    ):
        self.frame = frame
        self.seed_weight = seed_weight
        self.C = C
        self.threshold = threshold

    def fit(self, X: Docs, Y: Sequence[Sequence[str]] | None = None):
        """Learn from documents with theme lists `Y` plus the frame's theme seeds."""
        docs = as_token_lists(X)
        label_sets = [set(map(str, t)) for t in (Y if Y is not None else [])]
        if len(label_sets) != len(docs):
            raise ValueError("X und Y haben unterschiedlich viele Einträge")
        frame = _frame(self.frame)
        themes = list(frame.themes) if frame else []
        negatives = (list(frame.fields) + ([frame.other] if frame.other else [])) if frame else []
        seen = sorted({t for s in label_sets for t in s})
        self.classes_ = np.array(sorted(set(seen) | {c.id for c in themes}))
        seed_docs: list[list[str]] = []
        seed_sets: list[set[str]] = []
        for category in themes:
            pseudo = analyze(seed_documents(category))
            seed_docs.extend(pseudo)
            seed_sets.extend({category.id} for _ in pseudo)
        for category in negatives:
            pseudo = analyze(seed_documents(category))
            seed_docs.extend(pseudo)
            seed_sets.extend(set() for _ in pseudo)
        self.vectorizer_ = LemmaVectorizer()
        matrix = self.vectorizer_.fit_transform(docs + seed_docs)
        weights = np.r_[np.ones(len(docs)), np.full(len(seed_docs), self.seed_weight)]
        if not docs:
            weights[:] = 1.0
        sets = label_sets + seed_sets
        self.models_ = []
        for theme in self.classes_:
            target = np.array([theme in s for s in sets])
            if target.all() or not target.any():
                self.models_.append(None)
                continue
            model = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000)
            self.models_.append(model.fit(matrix, target, sample_weight=weights))
        self.lexicon_ = SeedLexicon(themes)
        self.n_labelled_ = len(docs)
        return self

    def predict_proba(self, X: Docs) -> np.ndarray:
        """Return, per document and theme, the probability that the theme applies."""
        check_is_fitted(self, "models_")
        docs = as_token_lists(X)
        matrix = self.vectorizer_.transform(docs)
        proba = np.zeros((len(docs), len(self.classes_)))
        for j, model in enumerate(self.models_):
            if model is not None:
                proba[:, j] = model.predict_proba(matrix)[:, 1]
        hits = self.lexicon_.scores(docs)
        index = {c: j for j, c in enumerate(self.classes_)}
        for k, theme in enumerate(self.lexicon_.ids):
            j = index[theme]
            proba[:, j] = np.maximum(proba[:, j], np.minimum(1.0, 0.35 * hits[:, k] + proba[:, j]))
        return proba

    def predict(self, X: Docs) -> list[list[str]]:
        """Return the themes of each document, most probable first."""
        proba = self.predict_proba(X)
        out = []
        for row in proba:
            order = np.argsort(-row, kind="stable")
            out.append([str(self.classes_[j]) for j in order if row[j] >= self.threshold])
        return out
