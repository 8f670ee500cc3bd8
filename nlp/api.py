"""The Python API the web application calls: `Analyzer`, `cluster_field` and their result types."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from nlp.classify import FieldClassifier, ThemeClassifier, example_corpus
from nlp.cluster import Subtopic, cluster_field
from nlp.preprocess import analyze
from nlp.taxonomy import DEFAULT_FRAME, OTHER, load_frame

__all__ = ["Analyzer", "Classification", "Subtopic", "cluster_field", "field_examples"]

FORMAT_VERSION = 2  # 2: ensemble field model, per-theme thresholds
MODEL_FILE = "model.pkl"
META_FILE = "meta.json"
REVIEW_THRESHOLD = 0.45
FURTHER_FIELD_SHARE = 0.5
FURTHER_FIELD_MIN = 0.2
CHUNK = 5000


@dataclass(frozen=True)
class Classification:
    """The analysis of one contribution."""

    field: str
    fields: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    confidence: float = 0.0
    needs_review: bool = False

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "fields": list(self.fields),
            "themes": list(self.themes),
            "confidence": round(float(self.confidence), 4),
            "needs_review": bool(self.needs_review),
        }


_ZERO_SHOT: dict[str, tuple[FieldClassifier, ThemeClassifier]] = {}
_PACKAGE_DIR = Path(__file__).resolve().parent


def zero_shot_cache_file(frame: str) -> Path:
    """Return where the built zero-shot models of `frame` are cached on disk.

    The name carries a hash of everything the models are built from (the frame's data files,
    the package's code, the library versions), so a changed input never loads a stale model.
    The folder is $NLP_CACHE_DIR, or ~/.cache/familienbeteiligung-nlp.
    """
    import hashlib

    import sklearn
    import spacy

    digest = hashlib.sha256(f"{FORMAT_VERSION}|{sklearn.__version__}|{spacy.__version__}".encode())
    for path in sorted(_PACKAGE_DIR.glob("*.py")) + sorted((_PACKAGE_DIR / "taxonomy").iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    base = os.environ.get("NLP_CACHE_DIR") or Path.home() / ".cache" / "familienbeteiligung-nlp"
    return Path(base) / f"zero-shot-{frame}-{digest.hexdigest()[:20]}.pkl"


def _load_or_build_zero_shot(frame: str) -> tuple[FieldClassifier, ThemeClassifier]:
    cache = zero_shot_cache_file(frame)
    try:
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    models = (
        FieldClassifier(frame=frame).fit([], []),
        ThemeClassifier(frame=frame).fit([], []),
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(models, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, cache)
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return models


def _text(record: Mapping, number: int) -> str:
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError(f"Eintrag {number}: Schlüssel 'text' fehlt oder ist kein Text")
    return text


class Analyzer:
    """Classifies contributions into fields of action and cross-cutting themes of a frame."""

    def __init__(
        self,
        field_model: FieldClassifier,
        theme_model: ThemeClassifier,
        frame: str = DEFAULT_FRAME,
        review_threshold: float = REVIEW_THRESHOLD,
    ):
        self.field_model = field_model
        self.theme_model = theme_model
        self.frame = frame
        self.review_threshold = review_threshold

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def zero_shot(cls, frame: str = DEFAULT_FRAME) -> Analyzer:
        """Build an analyzer from the frame's seed knowledge alone (no labelled data).

        The models are built once per process and frame and then shared (they are read-only);
        built models are cached on disk (see `zero_shot_cache_file`), so later processes load
        them instead of fitting again.
        """
        load_frame(frame)
        models = _ZERO_SHOT.get(frame)
        if models is None:
            models = _ZERO_SHOT[frame] = _load_or_build_zero_shot(frame)
        return cls(*models, frame=frame)

    @classmethod
    def train(cls, records: Iterable[Mapping], frame: str = DEFAULT_FRAME) -> Analyzer:
        """Train on labelled records (`text`, `field`, optional `themes`) plus seed knowledge.

        Label values may be any strings: labels that are not in the frame are learned from the
        records alone. Themes are learned from the records when any record carries `themes`,
        otherwise they stay zero-shot.
        """
        records = list(records)
        if not records:
            raise ValueError("Keine gelabelten Beiträge zum Trainieren")
        texts, labels = [], []
        for number, record in enumerate(records, start=1):
            texts.append(_text(record, number))
            label = record.get("field")
            if not isinstance(label, str) or not label.strip():
                raise ValueError(f"Eintrag {number}: Schlüssel 'field' fehlt oder ist leer")
            labels.append(label.strip())
        docs = analyze(texts)
        field_model = FieldClassifier(frame=frame).fit(docs, labels)
        if any("themes" in r for r in records):
            themes = [[str(t) for t in (r.get("themes") or [])] for r in records]
            theme_model = ThemeClassifier(frame=frame).fit(docs, themes)
        else:
            theme_model = ThemeClassifier(frame=frame).fit([], [])
        return cls(field_model, theme_model, frame=frame)

    # -- persistence --------------------------------------------------------------------------
    def save(self, directory: str | os.PathLike) -> Path:
        """Write the model to `directory` atomically (temporary directory, then rename)."""
        target = Path(directory)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            with open(tmp / MODEL_FILE, "wb") as fh:
                pickle.dump(
                    {"field_model": self.field_model, "theme_model": self.theme_model},
                    fh,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            meta = {
                "format_version": FORMAT_VERSION,
                "frame": self.frame,
                "review_threshold": self.review_threshold,
                "field_labels": [str(c) for c in self.field_model.classes_],
                "theme_labels": [str(c) for c in self.theme_model.classes_],
                "n_labelled": int(self.field_model.n_labelled_),
            }
            (tmp / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
                os.replace(target, old / "model")
                os.replace(tmp, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return target

    @classmethod
    def load(cls, directory: str | os.PathLike) -> Analyzer:
        """Read a model written by `save`; raise ValueError if the directory is not one."""
        path = Path(directory)
        try:
            meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
            if meta.get("format_version") != FORMAT_VERSION:
                raise ValueError(f"unbekannte Formatversion {meta.get('format_version')!r}")
            with open(path / MODEL_FILE, "rb") as fh:
                parts = pickle.load(fh)  # noqa: S301 - the model directory is our own output
            field_model, theme_model = parts["field_model"], parts["theme_model"]
            if not isinstance(field_model, FieldClassifier) or not isinstance(
                theme_model, ThemeClassifier
            ):
                raise ValueError("Inhalt ist kein Modell von nlp")
        except (OSError, ValueError, KeyError, TypeError, EOFError, pickle.UnpicklingError) as exc:
            raise ValueError(f"Modellverzeichnis {path} ist nicht lesbar: {exc}") from exc
        except Exception as exc:  # corrupt pickles raise almost anything
            raise ValueError(f"Modellverzeichnis {path} ist nicht lesbar: {exc!r}") from exc
        return cls(
            field_model,
            theme_model,
            frame=str(meta.get("frame", DEFAULT_FRAME)),
            review_threshold=float(meta.get("review_threshold", REVIEW_THRESHOLD)),
        )

    # -- analysis -----------------------------------------------------------------------------
    def field_probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return (`classes`, probabilities per text) of the field model."""
        proba = self.field_model.predict_proba(analyze(texts))
        return self.field_model.classes_, proba

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        """Return the field(s), themes, confidence and review flag of each text."""
        return self.classify_docs(analyze(list(texts)))

    def classify_docs(self, docs: Sequence[list[str]]) -> list[Classification]:
        """Like `classify`, for lemma lists already made by `nlp.preprocess.analyze`."""
        docs = list(docs)
        if not docs:
            return []
        classes = self.field_model.classes_
        # Identical lemma lists are classified once, in chunks that bound the feature matrices.
        unique: dict[tuple[str, ...], int] = {}
        keys = [unique.setdefault(tuple(d), len(unique)) for d in docs]
        distinct = [list(k) for k in unique]
        proba_parts, theme_parts = [], []
        for start in range(0, len(distinct), CHUNK):
            chunk = distinct[start : start + CHUNK]
            proba_parts.append(self.field_model.predict_proba(chunk))
            theme_parts.extend(self.theme_model.predict(chunk))
        proba = np.vstack(proba_parts)[keys]
        themes = [list(theme_parts[k]) for k in keys]
        results = []
        for row, row_themes in zip(proba, themes, strict=True):
            order = np.argsort(-row, kind="stable")
            top = order[0]
            primary = str(classes[top])
            confidence = float(row[top])
            if primary == OTHER:
                fields, row_themes = [], []
            else:
                limit = max(FURTHER_FIELD_MIN, FURTHER_FIELD_SHARE * confidence)
                further = [str(classes[j]) for j in order[1:] if row[j] >= limit]
                fields = [primary] + [f for f in further if f != OTHER]
            results.append(
                Classification(
                    field=primary,
                    fields=fields,
                    themes=row_themes,
                    confidence=confidence,
                    needs_review=confidence < self.review_threshold,
                )
            )
        return results

    def rank_for_review(self, texts: Sequence[str], k: int | None = None) -> list[int]:
        """Return indices of `texts`, the most informative to label first (smallest margin).

        The margin between the two most probable fields is the model's uncertainty; among
        near-equal margins, texts with more content words come first because a label on them
        teaches more vocabulary.
        """
        texts = list(texts)
        if not texts:
            return []
        docs = analyze(texts)
        proba = self.field_model.predict_proba(docs)
        part = -np.partition(-proba, 1, axis=1) if proba.shape[1] > 1 else np.c_[proba, proba]
        margin = part[:, 0] - part[:, 1]
        length = np.array([len(set(d)) for d in docs], dtype=float)
        score = np.round(margin, 3) - 1e-4 * np.minimum(length, 50)
        order = np.lexsort((np.arange(len(texts)), score))
        return [int(i) for i in (order if k is None else order[:k])]


def field_examples(frame: str | None, field: str) -> list[str] | None:
    """Return the example sentences of `field` in the shipped coding frame `frame` (or None).

    `cluster_field` uses them as reference texts; a field the frame does not know (a town's
    own coding) gets None and is clustered on its own words alone.
    """
    if not frame:
        return None
    try:
        corpus = _example_corpus(frame)
    except ValueError:
        return None
    texts = [text for text, ids in corpus if field in ids]
    return texts or None


@lru_cache(maxsize=8)
def _example_corpus(frame: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The shipped frame's example sentences, read once per process (one call per field)."""
    return tuple(example_corpus(load_frame(frame)))


def cluster_records(
    records: Sequence[Mapping],
    fields: Sequence[str],
    random_state: int = 0,
    docs: Sequence[list[str]] | None = None,
    frame: str | None = None,
) -> list[tuple[int, str]]:
    """Cluster records per field; return (cluster number within field, label) per record.

    `docs` may hold the records' lemma lists from `nlp.preprocess.analyze` to skip re-analysis;
    `frame` names the coding frame whose example sentences guide the sub-topics.
    """
    out: list[tuple[int, str]] = [(0, "")] * len(records)
    by_field: dict[str, list[int]] = {}
    for i, f in enumerate(fields):
        by_field.setdefault(f, []).append(i)
    for f in sorted(by_field):
        index = by_field[f]
        texts = (
            [docs[i] for i in index]
            if docs is not None
            else [_text(records[i], i + 1) for i in index]
        )
        groups = [records[i].get("target_group") for i in index]
        has_groups = any(g is not None for g in groups)
        subtopics = cluster_field(
            texts,
            target_groups=groups if has_groups else None,
            random_state=random_state,
            reference=field_examples(frame, f),
        )
        for number, subtopic in enumerate(subtopics):
            for m in subtopic.members:
                out[index[m]] = (number, subtopic.label)
    return out
