"""Sub-topics inside a field of action: clusters, labels, quotes, target groups, duplicates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from nlp.features import Docs, LemmaVectorizer, as_token_lists
from nlp.preprocess import fold

DUPLICATE_SIMILARITY = 0.8
MAX_CLUSTERS = 12
SILHOUETTE_SAMPLE = 1000
LSA_COMPONENTS = 60
# Similarity to the frame's example sentences of the field: each contribution keeps its
# REFERENCE_TOP most similar examples (ties may keep a few more), in chunks of REFERENCE_CHUNK.
REFERENCE_TOP = 30
REFERENCE_CHUNK = 2000
COMMON_SHARE = 0.4
# Words that never name a sub-topic: fillers and vague words citizens use in every field.
LABEL_STOP = frozenset(fold(w) for w in [
    "all", "alle", "allem", "allen", "aller", "alles", "andere", "anderen", "beid", "beide",
    "beiden", "bereich", "bisschen", "bitte", "dabei", "dafür", "damit", "dass", "deshalb",
    "ding", "dinge", "dorf", "echt", "eigentlich", "einfach", "einig", "einige", "etwas",
    "finden", "frage", "fragen", "frau", "ganz", "gar", "gemeinde", "genau", "gerade", "gern",
    "gibt", "gibts", "gross", "groß", "gut", "gute", "guten", "haette", "herr", "idee", "ideen",
    "immer", "irgendwie", "jahr", "jahre", "jede", "jeder", "jedes", "jetzt", "klar", "klein",
    "koennte", "lang", "leider", "leute", "lieber", "mal", "manch", "manche", "mehr", "mehrer",
    "mehrere", "meist", "meistens", "mensch", "menschen", "moeglich", "monat", "möglich", "neu",
    "nie", "oft", "ort", "passieren", "problem", "probleme", "richtig", "sache", "sagen",
    "schaffen", "schon", "sehr", "selbst", "sicher", "sogar", "sollte", "sollten", "stadt", "tag",
    "teil", "thema", "themen", "toll", "total", "uhr", "viel", "viele", "vielleicht", "vorschlag",
    "waer", "waere", "wichtig", "wirklich", "woche", "wohl", "wuerde", "wuerden", "wunsch",
    "wünschen",
])  # fmt: skip


@dataclass
class Subtopic:
    """A group of similar contributions inside one field of action."""

    label: str
    members: list[int]
    representatives: list[int]
    counts_by_target_group: dict[str, int] = field(default_factory=dict)
    duplicate_groups: list[list[int]] = field(default_factory=list)


def _duplicate_groups(vectors: sp.csr_matrix, members: list[int]) -> list[list[int]]:
    """Group members whose lemma vectors are nearly identical (cosine >= DUPLICATE_SIMILARITY)."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sub = vectors[members]
    for start in range(0, len(members), 1024):
        sims = (sub[start : start + 1024] @ sub.T).tocoo()
        hit = sims.data >= DUPLICATE_SIMILARITY
        for r, c in zip(sims.row[hit] + start, sims.col[hit], strict=True):
            if r < c:
                a, b = find(int(r)), find(int(c))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i, m in enumerate(members):
        groups.setdefault(find(i), []).append(m)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


def _choose_k(vectors: np.ndarray, random_state: int) -> np.ndarray:
    """Pick the number of clusters by silhouette on a sample, then cluster all vectors.

    Silhouette alone prefers two or three broad clusters, which tell a workshop little; k is
    chosen between sqrt(n/4) and sqrt(n/2) + 2 (at most MAX_CLUSTERS).
    """
    n = vectors.shape[0]
    upper = min(MAX_CLUSTERS, max(2, int(np.sqrt(n / 2)) + 2), n - 1)
    lower = min(upper, max(2, int(np.sqrt(n / 4))))
    rng = np.random.default_rng(random_state)
    sample = (
        np.sort(rng.choice(n, SILHOUETTE_SAMPLE, replace=False)) if n > SILHOUETTE_SAMPLE else None
    )
    probe = vectors if sample is None else vectors[sample]
    best_k, best_score = 1, -1.0
    for k in range(lower, upper + 1):
        kmeans = KMeans(n_clusters=k, n_init=1, max_iter=60, random_state=random_state)
        labels = kmeans.fit_predict(probe)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette_score(probe, labels)
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    if best_k == 1:
        return np.zeros(n, dtype=int)
    return KMeans(n_clusters=best_k, n_init=2, random_state=random_state).fit_predict(vectors)


def _reference_similarity(docs: list[list[str]], reference: list[list[str]]) -> sp.csr_matrix:
    """Return each document's cosine similarities to its REFERENCE_TOP closest reference texts.

    Two contributions that resemble the same example sentences are close even when they share
    no word with each other (an explicit semantic representation built from the frame's
    examples). Sparse rows, L2-normalised; a document like no example gets an empty row.
    """
    vectorizer = LemmaVectorizer()
    ref = vectorizer.fit_transform(reference)
    top = min(REFERENCE_TOP, ref.shape[0])
    blocks = []
    for start in range(0, len(docs), REFERENCE_CHUNK):
        block = (vectorizer.transform(docs[start : start + REFERENCE_CHUNK]) @ ref.T).toarray()
        cut = -np.partition(-block, top - 1, axis=1)[:, top - 1 : top]
        block[block < np.maximum(cut, 1e-9)] = 0.0
        blocks.append(sp.csr_matrix(block.astype(np.float32)))
    return normalize(sp.vstack(blocks, format="csr"), copy=False)


def _label(
    matrix: sp.csr_matrix,
    members: list[int],
    terms: np.ndarray,
    overall: np.ndarray,
    allowed: np.ndarray,
) -> str:
    centroid = np.asarray(matrix[members].mean(axis=0)).ravel()
    score = np.where(allowed, centroid - 0.5 * overall, 0.0)
    top = [terms[j] for j in np.argsort(-score, kind="stable")[:6] if score[j] > 0]
    words: list[str] = []
    for term in top:
        if not any(term in w or w in term for w in words):
            words.append(term)
        if len(words) == 3:
            break
    return ", ".join(words) if words else "verschiedenes"


def _label_terms(
    matrix: sp.csr_matrix, terms: np.ndarray, stop_words: Iterable[str] | None
) -> np.ndarray:
    """Return which terms may name a sub-topic: no fillers, no stop words, not in most texts.

    A word that occurs in more than `COMMON_SHARE` of the field's texts (the town's name, "Kind"
    in a field about children) says nothing about one sub-topic.
    """
    stop = LABEL_STOP | {fold(w) for w in (stop_words or ())}
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = df > max(2, COMMON_SHARE * n)
    return np.array(
        [
            t not in stop and len(t) >= 3 and not common[j] and not t.isdigit()
            for j, t in enumerate(terms)
        ],
        dtype=bool,
    )


def cluster_field(
    texts: Docs,
    target_groups: list[str | None] | None = None,
    random_state: int = 0,
    stop_words: Iterable[str] | None = None,
    reference: Docs | None = None,
) -> list[Subtopic]:
    """Cluster the contributions of one field into sub-topics; the same input gives the same output.

    The number of clusters is chosen by silhouette on an LSA projection of lemma TF-IDF, joined,
    when `reference` texts are given (the coding frame's example sentences of the field, see
    `nlp.api.field_examples`), by each text's similarity to them; each
    sub-topic is labelled with its most distinctive lemmas, quoted by its three contributions
    closest to the centre, and counted by target group when `target_groups` is given.
    `stop_words` (e.g. the town's and its districts' names) never appear in labels.
    """
    docs = as_token_lists(texts)
    n = len(docs)
    if target_groups is not None and len(target_groups) != n:
        raise ValueError("texts und target_groups haben unterschiedlich viele Einträge")
    if n == 0:
        return []
    words = LemmaVectorizer(char_weight=0.0, bigrams=False)
    matrix = words.fit_transform(docs)[:, : len(words.vocabulary_)].tocsr()
    terms = np.array(sorted(words.vocabulary_, key=words.vocabulary_.get))
    lemma_vectors = normalize(matrix)
    n_components = min(LSA_COMPONENTS, matrix.shape[1] - 1, n - 1)
    if n >= 6 and n_components >= 2:
        # One thread: OpenMP spin-waiting makes small KMeans fits slow on a busy machine.
        with threadpool_limits(limits=1):
            combined = lemma_vectors
            if reference is not None and len(reference) >= 2:
                similar = _reference_similarity(docs, as_token_lists(reference))
                combined = sp.hstack([lemma_vectors, similar], format="csr")
            n_components = min(n_components, combined.shape[1] - 1)
            svd = TruncatedSVD(n_components=n_components, n_iter=2, random_state=random_state)
            vectors = normalize(svd.fit_transform(combined))
            labels = _choose_k(vectors, random_state)
    else:
        vectors = lemma_vectors.toarray()
        labels = np.zeros(n, dtype=int)
    vectors = np.asarray(vectors, dtype=np.float32)
    overall = np.asarray(matrix.mean(axis=0)).ravel()
    allowed = _label_terms(matrix, terms, stop_words)
    subtopics = []
    for k in sorted(set(labels.tolist())):
        members = [i for i in range(n) if labels[i] == k]
        centre = vectors[members].mean(axis=0)
        closeness = vectors[members] @ centre
        order = np.argsort(-closeness, kind="stable")
        representatives: list[int] = []
        seen_dupes: set[str] = set()
        for j in order:
            key = " ".join(docs[members[j]])
            if key in seen_dupes:
                continue
            seen_dupes.add(key)
            representatives.append(members[j])
            if len(representatives) == 3:
                break
        counts: dict[str, int] = {}
        if target_groups is not None:
            counted = Counter(target_groups[i] or "unbekannt" for i in members)
            counts = dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
        subtopics.append(
            Subtopic(
                label=_label(matrix, members, terms, overall, allowed),
                members=members,
                representatives=representatives,
                counts_by_target_group=counts,
                duplicate_groups=_duplicate_groups(lemma_vectors, members),
            )
        )
    subtopics.sort(key=lambda s: (-len(s.members), s.members[0]))
    return subtopics
