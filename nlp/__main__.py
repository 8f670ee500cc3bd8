"""Command line: `python -m nlp classify|cluster|train|evaluate ...` on JSON Lines files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nlp.taxonomy import DEFAULT_FRAME, available_frames


class UsageError(Exception):
    """An error the user can fix; printed without a traceback."""


def read_jsonl(path: str, require: tuple[str, ...] = ("text",)) -> list[dict]:
    """Read JSON Lines; every non-blank line must be an object with the required keys."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.readlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: Datei nicht lesbar ({exc})") from exc
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}, Zeile {number}: kein gültiges JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise UsageError(f"{path}, Zeile {number}: erwartet wird ein JSON-Objekt")
        for key in require:
            value = record.get(key)
            if key == "text" and not isinstance(value, str):
                raise UsageError(f"{path}, Zeile {number}: Schlüssel 'text' fehlt")
            if key == "field" and (not isinstance(value, str) or not value.strip()):
                raise UsageError(f"{path}, Zeile {number}: Schlüssel 'field' fehlt")
        records.append(record)
    if not records:
        raise UsageError(f"{path}: Datei enthält keine Beiträge")
    return records


def _analyzer(args):
    from nlp.api import Analyzer

    if args.model:
        try:
            return Analyzer.load(args.model)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    return Analyzer.zero_shot(args.frame)


def _write(records) -> None:
    out = sys.stdout
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()


def cmd_classify(args) -> None:
    records = read_jsonl(args.input)
    analyzer = _analyzer(args)
    results = analyzer.classify([r["text"] for r in records])
    _write({**r, **c.as_dict()} for r, c in zip(records, results, strict=True))


def cmd_cluster(args) -> None:
    from nlp.api import cluster_records
    from nlp.preprocess import analyze

    records = read_jsonl(args.input)
    docs = analyze(r["text"] for r in records)
    if args.keep_field and all(isinstance(r.get("field"), str) and r["field"] for r in records):
        fields = [r["field"] for r in records]
        frame = _analyzer(args).frame if args.model else args.frame
    else:
        analyzer = _analyzer(args)
        fields = [c.field for c in analyzer.classify_docs(docs)]
        frame = analyzer.frame
    clusters = cluster_records(records, fields, docs=docs, frame=frame)
    _write(
        {**r, "field": f, "cluster": k, "cluster_label": label}
        for r, f, (k, label) in zip(records, fields, clusters, strict=True)
    )


def cmd_train(args) -> None:
    from nlp.api import Analyzer

    records = read_jsonl(args.input, require=("text", "field"))
    try:
        analyzer = Analyzer.train(records, frame=args.frame)
    except ValueError as exc:
        raise UsageError(f"{args.input}: {exc}") from exc
    target = analyzer.save(args.out)
    print(
        f"Modell gespeichert in {target} ({len(records)} Beiträge, "
        f"Kategorien: {', '.join(map(str, analyzer.field_model.classes_))})",
        file=sys.stderr,
    )


def cmd_evaluate(args) -> None:
    from nlp.evaluate import evaluate

    records = read_jsonl(args.input, require=("text", "field"))
    analyzer = _analyzer(args) if args.model else None
    if args.cv is not None and args.cv < 2:
        raise UsageError("--cv muss mindestens 2 sein")
    try:
        result = evaluate(records, frame=args.frame, analyzer=analyzer, cv=args.cv)
    except ValueError as exc:
        raise UsageError(f"{args.input}: {exc}") from exc
    mode = (
        f"{args.cv}-fold cross-validation" if args.cv else ("model" if args.model else "zero-shot")
    )
    print(f"mode: {mode}  n: {result['n']}")
    print(f"field accuracy: {result['field_accuracy']:.3f}")
    print(f"field macro-F1: {result['field_macro_f1']:.3f}")
    if "themes_micro_f1" in result:
        print(f"themes micro-F1: {result['themes_micro_f1']:.3f}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nlp", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p, model=True):
        p.add_argument("input", help="JSON Lines, ein Objekt mit 'id' und 'text' pro Zeile")
        p.add_argument("--frame", default=DEFAULT_FRAME, choices=available_frames())
        if model:
            p.add_argument("--model", help="Modellverzeichnis (sonst zero-shot aus dem Rahmen)")

    p = sub.add_parser("classify", help="Handlungsfelder und Querschnittsthemen bestimmen")
    common(p)
    p.set_defaults(func=cmd_classify)
    p = sub.add_parser("cluster", help="Unterthemen innerhalb der Handlungsfelder bilden")
    common(p)
    p.add_argument("--keep-field", action="store_true", help="vorhandenes 'field' verwenden")
    p.set_defaults(func=cmd_cluster)
    p = sub.add_parser("train", help="Modell aus gelabelten Beiträgen trainieren")
    common(p, model=False)
    p.add_argument("--out", required=True, help="Zielverzeichnis des Modells")
    p.set_defaults(func=cmd_train)
    p = sub.add_parser("evaluate", help="Genauigkeit und F1 auf gelabelten Beiträgen messen")
    common(p)
    p.add_argument("--cv", type=int, default=None, help="K-fache Kreuzvalidierung")
    p.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except UsageError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    if Path(sys.argv[0]).name == "__main__.py" or __package__:
        sys.exit(main())
