"""German text analysis for participation contributions; runs offline and never imports Flask.

Python API (what the web application calls)::

    from nlp.api import Analyzer, cluster_field, Classification, Subtopic

    a = Analyzer.zero_shot(frame="family")        # no labels needed: seed knowledge of the frame
    a = Analyzer.train(records, frame="family")   # dicts with "text", "field", optional "themes";
                                                  # any label values (a town's own categories)
    a.save(directory); a = Analyzer.load(directory)   # ValueError if the directory is unreadable
    a.classify(texts) -> list[Classification]     # .field .fields .themes .confidence .needs_review
    a.rank_for_review(texts, k=None) -> list[int] # indices, most informative to label first
    cluster_field(texts, target_groups=None, random_state=0, stop_words=None) -> list[Subtopic]
        # .label .members .representatives (<= 3) .counts_by_target_group .duplicate_groups

`field` is a field id of the frame (HF1-HF6, WQ1-WQ4, ...) or "sonstiges" (off-topic, spam,
praise only); `needs_review` is set when the confidence is below 0.45.

Command line (JSON Lines in, JSON Lines out; see `python -m nlp --help`)::

    python -m nlp classify IN.jsonl [--model DIR] [--frame NAME]
    python -m nlp cluster IN.jsonl [--model DIR] [--frame NAME] [--keep-field]
    python -m nlp train LABELLED.jsonl --out DIR [--frame NAME]
    python -m nlp evaluate LABELLED.jsonl [--model DIR] [--cv K] [--frame NAME]

Modules: `preprocess` (spaCy blank German + folded lookup lemmas, decompounding), `features`
(lemma + character n-gram TF-IDF), `classify` (estimators), `cluster` (sub-topics), `api`,
`evaluate`, `taxonomy` (the coding frames as TOML files with seed words and example sentences,
and `<frame>_examples.txt` with several hundred example contributions a project lead may extend).
"""
