"""Estimators for fields of action (single label) and cross-cutting themes (multi-label).

Both follow the scikit-learn contract and accept raw texts or lemma lists (see
`nlp.features.as_token_lists`). Both learn from the coding frame's seed knowledge (seed words,
names, descriptions, example sentences in `nlp/taxonomy/*.toml` and the example contributions in
`nlp/taxonomy/*_examples.txt`) and from any labelled contributions given to `fit`; with no
labelled contributions they are zero-shot.

The field model is an ensemble: logistic regression, a linear SVM and complement naive Bayes on
the same TF-IDF features; their decision scores are standardised per text and averaged.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from contextlib import contextmanager

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from nlp.features import Docs, LemmaVectorizer, as_token_lists
from nlp.preprocess import analyze
from nlp.taxonomy import OTHER, Category, Frame, load_frame


def _frame(frame: str | Frame | None) -> Frame | None:
    if frame is None or isinstance(frame, Frame):
        return frame
    return load_frame(frame)


def lexical_documents(category: Category) -> list[str]:
    """Return the short pseudo-documents of a category: name, description parts, seed words."""
    docs = [category.name, *category.seeds]
    docs.extend(part.strip() for part in category.description.split(",") if part.strip())
    return [d for d in docs if d]


def seed_documents(category: Category) -> list[str]:
    """Return the pseudo-documents that describe a category: name, description parts, seeds."""
    return [*lexical_documents(category), *category.examples]


def example_corpus(frame: Frame | None) -> list[tuple[str, frozenset[str]]]:
    """Return (text, ids) of every example sentence of the frame, de-duplicated.

    `ids` holds the primary field (or "sonstiges") first-class and any themes: examples of the
    TOML file carry their category; those of the example file carry their section and tags.
    """
    if frame is None:
        return []
    merged: dict[str, set[str]] = {}
    for category in (*frame.fields, *frame.themes, *([frame.other] if frame.other else [])):
        for text in category.examples:
            merged.setdefault(text.strip(), set()).add(category.id)
    for example in frame.examples:
        merged.setdefault(example.text, set()).update(example.ids)
    return [(text, frozenset(ids)) for text, ids in merged.items() if text]


def field_seed_corpus(
    frame: Frame | None, labels: set[str] | None, lexical_weight: float = 0.5
) -> tuple[list[str], list[str], list[float]]:
    """Return texts, field labels and weights of the frame's seed knowledge for `labels`.

    When the labels use the frame's coding (any label is one of its fields), seed knowledge of
    every field is included, so that a few corrections never shrink the model to the labels seen
    so far; a town's own coding frame (no label of the frame) gets no seed knowledge.
    Only examples with exactly one field (or "sonstiges") among their ids count; seed words and
    description parts get `lexical_weight`, example sentences weight 1.
    """
    if frame is None:
        return [], [], []
    categories = list(frame.fields) + ([frame.other] if frame.other else [])
    uses_frame = labels is None or any(c.id in labels for c in categories)
    known = {c.id for c in categories} if uses_frame else set()
    texts: list[str] = []
    out_labels: list[str] = []
    weights: list[float] = []
    for category in categories:
        if category.id not in known:
            continue
        docs = lexical_documents(category)
        texts.extend(docs)
        out_labels.extend([category.id] * len(docs))
        weights.extend([lexical_weight] * len(docs))
    for text, ids in example_corpus(frame):
        fields = [i for i in ids if i in {c.id for c in categories}]
        if len(fields) == 1 and fields[0] in known:
            texts.append(text)
            out_labels.append(fields[0])
            weights.append(1.0)
    return texts, out_labels, weights


class SeedLexicon:
    """Seed lemmas per category, matched against lemma lists (compound parts included).

    A seed phrase matches a document when all its lemmas occur in it; matching is one sparse
    product of the documents' lemma indicators with the phrases' lemma indicators.
    """

    def __init__(self, categories: Sequence[Category]):
        self.ids = [c.id for c in categories]
        self.entries: list[list[tuple[str, ...]]] = []
        for category in categories:
            phrases = analyze([*category.seeds, category.name])
            self.entries.append(sorted({tuple(dict.fromkeys(p)) for p in phrases if p}))
        self.vocabulary_: dict[str, int] = {}
        rows, cols, lengths, owners = [], [], [], []
        for j, phrases in enumerate(self.entries):
            for phrase in phrases:
                for word in phrase:
                    rows.append(self.vocabulary_.setdefault(word, len(self.vocabulary_)))
                    cols.append(len(lengths))
                lengths.append(len(phrase))
                owners.append(j)
        self.phrase_words_ = sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(self.vocabulary_), len(lengths))
        )
        self.phrase_lengths_ = np.asarray(lengths, dtype=float)
        self.phrase_owner_ = sp.csr_matrix(
            (np.ones(len(owners)), (np.arange(len(owners)), owners)),
            shape=(len(owners), len(self.ids)),
        )

    def scores(self, docs: list[list[str]]) -> np.ndarray:
        """Return, per document and category, the number of matched seed phrases."""
        if not self.ids or not len(self.phrase_lengths_):
            return np.zeros((len(docs), len(self.ids)))
        vocab = self.vocabulary_
        rows, cols = [], []
        for i, doc in enumerate(docs):
            for j in {vocab[w] for w in doc if w in vocab}:
                rows.append(i)
                cols.append(j)
        present = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocab)))
        found = (present @ self.phrase_words_).tocsr()
        found.data = (found.data >= self.phrase_lengths_[found.indices] - 0.5).astype(float)
        return np.asarray((found @ self.phrase_owner_).todense())


def _logistic(C: float, class_weight: str | None) -> LogisticRegression:
    """Logistic regression with a solver that is fast on sparse TF-IDF (deterministic)."""
    return LogisticRegression(
        C=C, class_weight=class_weight, solver="saga", tol=1e-3, max_iter=1000, random_state=0
    )


@contextmanager
def _quiet_single_thread():
    """One BLAS thread (threads only contend on small sparse fits); the solver's tolerance is
    deliberately loose, so an unconverged last digit is no reason to warn."""
    with threadpool_limits(limits=1), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        yield


def _standardise(scores: np.ndarray) -> np.ndarray:
    if scores.ndim == 1:
        scores = np.c_[-scores, scores]
    centred = scores - scores.mean(axis=1, keepdims=True)
    spread = centred.std(axis=1, keepdims=True)
    return centred / np.where(spread > 1e-12, spread, 1.0)


class FieldClassifier(ClassifierMixin, BaseEstimator):
    """Primary field of action: an ensemble of linear models on lemma + n-gram TF-IDF.

    `frame` names a coding frame; its seed knowledge becomes training documents for every label
    that the training data uses (weighted by `seed_weight`), or for all of them when there is no
    training data (zero-shot, full weight). Labels not in the frame are learned from the data
    alone, so a town may code by its own categories. `C` is the inverse regularisation of the
    logistic regression, `svm_C` that of the linear SVM, `nb_alpha` the smoothing of the naive
    Bayes (0 leaves it out); their standardised decision scores are averaged. `lexicon_weight`
    adds direct seed-phrase hits on top; it is 0 by default, since the frame's 3,000 example
    sentences carry the seed knowledge better (dev set zero-shot macro-F1 0.815 without, 0.787
    with 0.1), but a frame with few examples may raise it.
    """

    def __init__(
        self,
        frame: str | None = "family",
        seed_weight: float = 0.4,
        C: float = 10.0,
        svm_C: float = 1.0,
        nb_alpha: float = 0.3,
        lexicon_weight: float = 0.0,
        class_weight: str | None = "balanced",
        temperature: float = 2.0,
    ):
        self.frame = frame
        self.seed_weight = seed_weight
        self.C = C
        self.svm_C = svm_C
        self.nb_alpha = nb_alpha
        self.lexicon_weight = lexicon_weight
        self.class_weight = class_weight
        self.temperature = temperature

    def fit(self, X: Docs, y: Sequence[str] | None = None):
        """Learn from labelled documents `X`, `y` plus seed knowledge (zero-shot if X is empty)."""
        docs = as_token_lists(X)
        labels = [str(v) for v in (y if y is not None else [])]
        if len(labels) != len(docs):
            raise ValueError("X und y haben unterschiedlich viele Einträge")
        frame = _frame(self.frame)
        seed_texts, seed_labels, seed_weights = field_seed_corpus(
            frame, set(labels) if labels else None
        )
        seed_docs = analyze(seed_texts)
        all_labels = labels + seed_labels
        if len(set(all_labels)) < 2:
            raise ValueError(
                "Zum Trainieren werden mindestens zwei verschiedene Kategorien benötigt"
            )
        scale = self.seed_weight if docs else 1.0
        weights = np.r_[np.ones(len(docs)), scale * np.asarray(seed_weights, dtype=float)]
        self.vectorizer_ = LemmaVectorizer()
        matrix = self.vectorizer_.fit_transform(docs + seed_docs)
        target = np.asarray(all_labels)
        with _quiet_single_thread():
            self._fit_models(matrix, target, weights)
        categories = (
            [c for c in (*frame.fields, *([frame.other] if frame.other else []))] if frame else []
        )
        categories = [c for c in categories if c.id in set(self.classes_)]
        self.lexicon_ = SeedLexicon(categories)
        self.lexicon_index_ = np.array(
            [list(self.classes_).index(i) for i in self.lexicon_.ids], dtype=int
        )
        self.n_labelled_ = len(docs)
        return self

    def _fit_models(self, matrix, target: np.ndarray, weights: np.ndarray) -> None:
        self.model_ = _logistic(self.C, self.class_weight)
        self.model_.fit(matrix, target, sample_weight=weights)
        self.classes_ = self.model_.classes_
        self.margin_model_ = None
        if self.svm_C:
            self.margin_model_ = LinearSVC(
                C=self.svm_C, class_weight=self.class_weight, random_state=0
            )
            self.margin_model_.fit(matrix, target, sample_weight=weights)
        self.nb_model_ = None
        if self.nb_alpha:
            nb_weights = weights
            if self.class_weight == "balanced":
                index = np.searchsorted(self.classes_, target)
                mass = np.bincount(index, weights=weights, minlength=len(self.classes_))
                nb_weights = weights * (weights.sum() / (len(self.classes_) * mass[index]))
            self.nb_model_ = ComplementNB(alpha=self.nb_alpha).fit(
                matrix, target, sample_weight=nb_weights
            )

    def decision_function(self, X: Docs) -> np.ndarray:
        """Return the averaged standardised decision scores (columns in `classes_` order)."""
        check_is_fitted(self, "model_")
        docs = as_token_lists(X)
        return self._scores(docs, self.vectorizer_.transform(docs))

    def _scores(self, docs: list[list[str]], matrix) -> np.ndarray:
        parts = [_standardise(self.model_.decision_function(matrix))]
        if self.margin_model_ is not None:
            parts.append(_standardise(self.margin_model_.decision_function(matrix)))
        if self.nb_model_ is not None:
            parts.append(_standardise(self.nb_model_.predict_joint_log_proba(matrix)))
        score = np.mean(parts, axis=0)
        if self.lexicon_weight and len(self.lexicon_index_):
            hits = self.lexicon_.scores(docs)
            share = np.zeros_like(score)
            share[:, self.lexicon_index_] = hits
            total = share.sum(axis=1, keepdims=True)
            has = total[:, 0] > 0
            share[has] /= total[has]
            score = score + self.lexicon_weight * 10 * share
        return score

    def predict_proba(self, X: Docs) -> np.ndarray:
        """Return class probabilities (columns in `classes_` order)."""
        check_is_fitted(self, "model_")
        docs = as_token_lists(X)
        score = self._scores(docs, self.vectorizer_.transform(docs))
        soft = np.exp(self.temperature * (score - score.max(axis=1, keepdims=True)))
        proba = soft / soft.sum(axis=1, keepdims=True)
        empty = np.array([len(d) == 0 for d in docs])
        if empty.any() and OTHER in self.classes_:
            proba[empty] = 0.0
            proba[empty, list(self.classes_).index(OTHER)] = 1.0
        return proba

    def predict(self, X: Docs) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


def theme_seed_corpus(
    frame: Frame | None, lexical_weight: float = 0.5
) -> tuple[list[str], list[set[str]], list[float]]:
    """Return texts, theme sets and weights of the frame's seed knowledge for themes.

    Theme seed words and description parts are positives of their theme; every example sentence
    is a positive of the themes among its ids and a negative of the others.
    """
    if frame is None:
        return [], [], []
    theme_ids = {c.id for c in frame.themes}
    texts: list[str] = []
    sets: list[set[str]] = []
    weights: list[float] = []
    for category in frame.themes:
        docs = lexical_documents(category)
        texts.extend(docs)
        sets.extend({category.id} for _ in docs)
        weights.extend([lexical_weight] * len(docs))
    for text, ids in example_corpus(frame):
        texts.append(text)
        sets.append(set(ids) & theme_ids)
        weights.append(1.0)
    return texts, sets, weights


def _best_threshold(truth: np.ndarray, proba: np.ndarray, default: float) -> float:
    """Return the probability threshold with the best F1 (ties: the one nearest `default`)."""
    if not truth.any():
        return default
    best, best_f1 = default, -1.0
    for threshold in np.arange(0.2, 0.81, 0.05):
        pred = proba >= threshold
        tp = float(np.sum(pred & truth))
        f1 = 2 * tp / (pred.sum() + truth.sum()) if tp else 0.0
        if f1 > best_f1 + 1e-9 or (
            abs(f1 - best_f1) <= 1e-9 and abs(threshold - default) < abs(best - default)
        ):
            best, best_f1 = float(threshold), f1
    return best


class ThemeClassifier(BaseEstimator):
    """Cross-cutting themes (multi-label): one logistic regression per theme with its own threshold.

    Each theme's threshold is chosen by `cv`-fold cross-validation on the training documents
    (labelled ones when they contain the theme, else the frame's examples), between 0.2 and 0.8;
    `threshold` is the fallback.
    """

    def __init__(
        self,
        frame: str | None = "family",
        seed_weight: float = 0.5,
        C: float = 10.0,
        threshold: float = 0.5,
        cv: int = 3,
    ):
        self.frame = frame
        self.seed_weight = seed_weight
        self.C = C
        self.threshold = threshold
        self.cv = cv

    def _model(self) -> LogisticRegression:
        return _logistic(self.C, "balanced")

    def fit(self, X: Docs, Y: Sequence[Sequence[str]] | None = None):
        """Learn from documents with theme lists `Y` plus the frame's theme seeds."""
        docs = as_token_lists(X)
        label_sets = [set(map(str, t)) for t in (Y if Y is not None else [])]
        if len(label_sets) != len(docs):
            raise ValueError("X und Y haben unterschiedlich viele Einträge")
        frame = _frame(self.frame)
        seed_texts, seed_sets, seed_weights = theme_seed_corpus(frame)
        seed_docs = analyze(seed_texts)
        seen = {t for s in label_sets for t in s}
        self.classes_ = np.array(sorted(seen | ({c.id for c in frame.themes} if frame else set())))
        self.vectorizer_ = LemmaVectorizer()
        matrix = self.vectorizer_.fit_transform(docs + seed_docs)
        scale = self.seed_weight if docs else 1.0
        weights = np.r_[np.ones(len(docs)), scale * np.asarray(seed_weights, dtype=float)]
        sets = label_sets + seed_sets
        labelled = np.r_[np.ones(len(docs), bool), np.zeros(len(seed_docs), bool)]
        sentence = np.r_[np.ones(len(docs), bool), np.asarray(seed_weights) >= 1.0]
        with _quiet_single_thread():
            self._fit_themes(matrix, sets, weights, labelled, sentence)
        self.n_labelled_ = len(docs)
        return self

    def _fit_themes(self, matrix, sets, weights, labelled, sentence) -> None:
        self.models_ = []
        self.thresholds_ = []
        for theme in self.classes_:
            target = np.array([theme in s for s in sets])
            if target.all() or not target.any():
                self.models_.append(None)
                self.thresholds_.append(self.threshold)
                continue
            self.models_.append(self._model().fit(matrix, target, sample_weight=weights))
            judged = labelled if target[labelled].sum() >= self.cv else sentence
            self.thresholds_.append(self._cv_threshold(matrix, target, weights, judged))

    def _cv_threshold(self, matrix, target, weights, judged) -> float:
        """Choose the theme's threshold from out-of-fold probabilities of the judged documents."""
        if not self.cv or self.cv < 2 or target[judged].sum() < self.cv:
            return self.threshold
        index = np.flatnonzero(judged)
        rng = np.random.default_rng(0)
        folds = np.array_split(rng.permutation(index), self.cv)
        proba = np.zeros(matrix.shape[0])
        for test in folds:
            train = np.ones(matrix.shape[0], bool)
            train[test] = False
            if target[train].all() or not target[train].any():
                return self.threshold
            model = self._model().fit(matrix[train], target[train], sample_weight=weights[train])
            proba[test] = model.predict_proba(matrix[test])[:, 1]
        return _best_threshold(target[index], proba[index], self.threshold)

    def predict_proba(self, X: Docs) -> np.ndarray:
        """Return, per document and theme, the probability that the theme applies."""
        check_is_fitted(self, "models_")
        docs = as_token_lists(X)
        matrix = self.vectorizer_.transform(docs)
        proba = np.zeros((len(docs), len(self.classes_)))
        for j, model in enumerate(self.models_):
            if model is not None:
                proba[:, j] = model.predict_proba(matrix)[:, 1]
        return proba

    def predict(self, X: Docs) -> list[list[str]]:
        """Return the themes of each document, most probable first."""
        proba = self.predict_proba(X)
        limits = np.asarray(self.thresholds_)
        out = []
        for row in proba:
            order = np.argsort(-row, kind="stable")
            out.append([str(self.classes_[j]) for j in order if row[j] >= limits[j]])
        return out
