"""German preprocessing: cleaning, spaCy tokens, lookup lemmas, umlaut folding, decompounding.

Every token that leaves this module is a *folded lemma*: lower case, ä/ö/ü/ß written as
ae/oe/ue/ss, so "Spielplätze" and "Spielplaetze" become the same token. Compounds of at least
eight letters also yield their parts ("spielplatzsanierung" -> "spielplatz", "sanierung"),
found by splitting against the German lemma list of spacy-lookups-data.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import spacy
from spacy.lang.de.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w-]+\.[\w.]+\b", re.IGNORECASE)
_REPEATED_PUNCT = re.compile(r"([!?.,;:\-_*~])\1+")
_REPEATED_CHAR = re.compile(r"([^\W\d_])\1{2,}")
# Emoji, pictographs, dingbats, variation selectors, zero-width joiners.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f900-\U0001f9ff"
    "\U00002190-\U000021ff\U00002b00-\U00002bff\ufe0f\u200d\u20e3]+"
)
_WORD = re.compile(r"^[a-z][a-z\-]*[a-z]$|^[a-z]{2,}$")
# Linking elements (Fugenelemente) between the parts of a German compound.
_LINKS = ("", "s", "es", "n", "en", "e", "er", "ns")
MIN_COMPOUND = 8
MIN_PART = 3
MIN_HEAD = 4


def fold(text: str) -> str:
    """Lower-case and write umlauts and ß as ae/oe/ue/ss; strip other accents."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean(text: str) -> str:
    """Remove URLs, e-mail addresses and emojis; shorten repeated punctuation and letters."""
    text = _URL.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    text = _REPEATED_CHAR.sub(r"\1\1", text)
    return text


@lru_cache(maxsize=1)
def _raw_lookup() -> dict[str, str]:
    data = resources.files("spacy_lookups_data").joinpath("data/de_lemma_lookup.json.gz")
    with data.open("rb") as packed, gzip.open(packed, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """Return the German lookup lemmas from spacy-lookups-data, keys and values folded."""
    raw = _raw_lookup()
    table: dict[str, str] = {}
    for form, lemma in raw.items():
        key = fold(form)
        # A plain word is never lemmatised to a hyphenated one: the table maps "us" to
        # "US-amerikanischen", whose first part is "us" again.
        if "-" in lemma and "-" not in form:
            lemma = form
        # The first capitalised (noun) reading wins over a lower-case one with the same folding.
        if key not in table or form[:1].isupper():
            table[key] = fold(lemma)
    return table


@lru_cache(maxsize=1)
def compound_lexicon() -> dict[str, str]:
    """Return noun forms (folded) that may be parts of compounds, mapped to their lemma."""
    raw = _raw_lookup()
    lexicon: dict[str, str] = {}
    for form, lemma in raw.items():
        if form[:1].isupper() and len(form) >= MIN_PART and form.isalpha():
            lexicon[fold(form)] = fold(lemma)
    for lemma in set(lexicon.values()):
        lexicon.setdefault(lemma, lemma)
    return lexicon


STOP = frozenset(fold(w) for w in STOP_WORDS) | {
    "mal", "halt", "eigentlich", "einfach", "bitte", "gerne", "gern", "finden", "geben",
    "sollen", "koennen", "muessen", "wollen", "moegen", "haben", "sein", "werden", "machen",
    "gehen", "sagen", "ja", "nein", "ok", "okay", "echt", "total", "wirklich", "leider",
}  # fmt: skip


def _split(word: str, lexicon: dict[str, str], depth: int = 0) -> list[str] | None:
    """Split `word` into lexicon lemmas, head (last part) as long as possible; None if unknown."""
    if depth > 4:
        return None
    best: list[str] | None = None
    for i in range(MIN_PART, len(word) - MIN_HEAD + 1):
        head = word[i:]
        if head not in lexicon:
            continue
        prefix = word[:i]
        for link in _LINKS:
            if link and not prefix.endswith(link):
                continue
            stem = prefix[: len(prefix) - len(link)] if link else prefix
            if len(stem) < MIN_PART:
                continue
            if stem in lexicon:
                parts = [lexicon[stem], lexicon[head]]
            else:
                sub = _split(stem, lexicon, depth + 1) if len(stem) >= 2 * MIN_PART else None
                if sub is None:
                    continue
                parts = [*sub, lexicon[head]]
            if best is None or len(parts) < len(best):
                best = parts
        if best is not None and len(best) == 2:
            return best
    return best


@lru_cache(maxsize=200_000)
def decompound(word: str) -> tuple[str, ...]:
    """Return the parts of a folded compound ("kinderbetreuungsangebot" -> kind, betreuung, ...)."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    parts = _split(word, compound_lexicon())
    return tuple(parts) if parts and len(parts) > 1 else ()


@Language.factory("folded_lemmatizer")
def make_folded_lemmatizer(nlp: Language, name: str) -> FoldedLemmatizer:
    """Create the lookup lemmatizer that works on umlaut-folded spellings."""
    return FoldedLemmatizer()


class FoldedLemmatizer:
    """spaCy component: set `token.lemma_` to the folded lookup lemma of the folded spelling."""

    def __init__(self) -> None:
        self.table = lemma_table()
        self.cache: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        table, cache = self.table, self.cache
        for token in doc:
            text = token.text
            lemma = cache.get(text)
            if lemma is None:
                key = fold(text)
                lemma = cache[text] = table.get(key, key)
            token.lemma_ = lemma
        return doc


@lru_cache(maxsize=1)
def german_pipeline() -> Language:
    """Return the blank German pipeline with the folded lookup lemmatizer (no model download)."""
    nlp = spacy.blank("de")
    nlp.add_pipe("folded_lemmatizer")
    return nlp


def _content(lemma: str) -> bool:
    return len(lemma) >= 2 and lemma not in STOP and _WORD.match(lemma) is not None


@lru_cache(maxsize=500_000)
def _expand(lemma: str) -> tuple[str, ...]:
    if "-" in lemma:  # "Pflegestützpunkt-Sprechstunde": each part, lemmatised and split again
        table = lemma_table()
        pieces = [table.get(p, p) for p in lemma.split("-") if _content(p)]
        parts = [q for p in pieces for q in _expand(p)]
    else:
        parts = [p for p in decompound(lemma) if p not in STOP and len(p) >= MIN_PART]
    return (lemma, *parts)


def tokens(text: str) -> list[str]:
    """Return content lemmas (folded, stop words removed) of one text, compound parts appended."""
    return analyze([text])[0]


def analyze(texts: Iterable[str], batch_size: int = 256) -> list[list[str]]:
    """Return the content lemmas of each text; identical texts are analysed only once."""
    texts = list(texts)
    unique: dict[str, int] = {}
    for text in texts:
        unique.setdefault(text, len(unique))
    nlp = german_pipeline()
    results: list[list[str]] = []
    cleaned = (clean(t) for t in unique)
    for doc in nlp.pipe(cleaned, batch_size=batch_size):
        out: list[str] = []
        for token in doc:
            lemma = token.lemma_
            if lemma and _content(lemma):
                out.extend(_expand(lemma))
        results.append(out)
    return [results[unique[t]] for t in texts]
