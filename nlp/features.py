"""Turn lemma lists into TF-IDF features: whole lemmas plus character n-grams of each lemma."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from nlp.preprocess import analyze

Docs = Sequence[str] | Sequence[Sequence[str]]


def as_token_lists(X: Docs) -> list[list[str]]:
    """Accept raw texts or already analysed lemma lists; return lemma lists."""
    X = list(X)
    if X and isinstance(X[0], str):
        return analyze(X)
    return [list(doc) for doc in X]


def _char_ngrams(word: str, low: int, high: int) -> list[str]:
    padded = f" {word} "
    out = []
    for n in range(low, high + 1):
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


class LemmaVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of lemmas and of their character n-grams (like ``char_wb``), computed per word.

    N-grams are built once per distinct word and summed into the documents by a sparse product,
    which is much faster than n-gramming every document; unseen words at transform time still
    contribute the n-grams they share with the training vocabulary (compounds, misspellings).
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (3, 5),
        word_weight: float = 1.0,
        char_weight: float = 1.0,
        bigrams: bool = True,
        min_df: int = 1,
        sublinear_tf: bool = True,
    ):
        self.ngram_range = ngram_range
        self.word_weight = word_weight
        self.char_weight = char_weight
        self.bigrams = bigrams
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf

    def _terms(self, doc: list[str]) -> list[str]:
        if not self.bigrams:
            return doc
        # Bigrams only between main lemmas (compound parts carry no order information).
        return doc + [f"{a} {b}" for a, b in zip(doc, doc[1:], strict=False)]

    def _counts(self, docs: list[list[str]], vocab: dict[str, int]) -> sp.csr_matrix:
        rows, cols = [], []
        for i, doc in enumerate(docs):
            for term in self._terms(doc):
                j = vocab.get(term)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        data = np.ones(len(rows), dtype=np.float64)
        m = sp.csr_matrix((data, (rows, cols)), shape=(len(docs), len(vocab)))
        m.sum_duplicates()
        return m

    def _char_counts(self, docs: list[list[str]], fit: bool) -> sp.csr_matrix:
        if not self.char_weight:
            self.char_vocabulary_ = {} if fit else self.char_vocabulary_
            return sp.csr_matrix((len(docs), 0))
        low, high = self.ngram_range
        words: dict[str, int] = {}
        for doc in docs:
            for w in doc:
                words.setdefault(w, len(words))
        if fit:
            grams: dict[str, int] = {}
            for w in words:
                for g in _char_ngrams(w, low, high):
                    grams.setdefault(g, len(grams))
            self.char_vocabulary_ = grams
        grams = self.char_vocabulary_
        w_rows, w_cols = [], []
        for i, doc in enumerate(docs):
            for w in doc:
                w_rows.append(i)
                w_cols.append(words[w])
        doc_word = sp.csr_matrix(
            (np.ones(len(w_rows)), (w_rows, w_cols)), shape=(len(docs), len(words))
        )
        c_rows, c_cols = [], []
        for w, i in words.items():
            for g in _char_ngrams(w, low, high):
                j = grams.get(g)
                if j is not None:
                    c_rows.append(i)
                    c_cols.append(j)
        word_gram = sp.csr_matrix(
            (np.ones(len(c_rows)), (c_rows, c_cols)), shape=(len(words), len(grams))
        )
        return (doc_word @ word_gram).tocsr()

    def _tfidf(self, counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
        counts = counts.astype(np.float64)
        if self.sublinear_tf:
            counts.data = np.log1p(counts.data)
        return normalize(counts @ sp.diags(idf), copy=False)

    @staticmethod
    def _idf(counts: sp.csr_matrix) -> np.ndarray:
        n = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        return np.log((1 + n) / (1 + df)) + 1.0

    def fit(self, X: Docs, y=None):
        """Learn the lemma and n-gram vocabularies and their inverse document frequencies."""
        self._fit_transform(as_token_lists(X))
        return self

    def fit_transform(self, X: Docs, y=None):
        return self._fit_transform(as_token_lists(X))

    def _fit_transform(self, docs: list[list[str]]) -> sp.csr_matrix:
        df: dict[str, int] = {}
        for doc in docs:
            for term in set(self._terms(doc)):
                df[term] = df.get(term, 0) + 1
        kept = sorted(t for t, c in df.items() if c >= self.min_df)
        self.vocabulary_ = {t: i for i, t in enumerate(kept)}
        words = self._counts(docs, self.vocabulary_)
        chars = self._char_counts(docs, fit=True)
        self.word_idf_ = self._idf(words)
        self.char_idf_ = self._idf(chars)
        self.n_features_out_ = len(self.vocabulary_) + len(self.char_vocabulary_)
        return self._combine(words, chars)

    def _combine(self, words: sp.csr_matrix, chars: sp.csr_matrix) -> sp.csr_matrix:
        parts = [
            self._tfidf(m, idf) * weight
            for m, idf, weight in (
                (words, self.word_idf_, self.word_weight),
                (chars, self.char_idf_, self.char_weight),
            )
            if m.shape[1]
        ]
        if not parts:
            return sp.csr_matrix((words.shape[0], 0))
        return normalize(sp.hstack(parts, format="csr"), copy=False)

    def transform(self, X: Docs) -> sp.csr_matrix:
        """Return the L2-normalised TF-IDF rows of the documents."""
        check_is_fitted(self, "vocabulary_")
        docs = as_token_lists(X)
        words = self._counts(docs, self.vocabulary_)
        chars = self._char_counts(docs, fit=False)
        return self._combine(words, chars)
