import json
import subprocess
import sys

import pytest

from tests.nlp.conftest import OWN_LABELS


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "nlp", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in OWN_LABELS) + "\n")
    return path


@pytest.fixture
def contributions(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        {"id": 1, "text": "Die Laterne ist kaputt", "target_group": "seniors"},
        {"id": "b", "text": "Müll im Park", "extra": [1, 2]},
        {"id": 3, "text": "Überall Abfall und Sperrmüll"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    return path


def test_train_classify_cluster_evaluate(tmp_path, labelled, contributions):
    model = tmp_path / "model"
    done = run("train", labelled, "--out", model)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "labelled.jsonl", "model"]

    done = run("classify", contributions, "--model", model)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b", 3]
    assert [o["field"] for o in out] == ["licht", "muell", "muell"]
    assert out[1]["extra"] == [1, 2]
    for o in out:
        assert {"fields", "themes", "confidence", "needs_review"} <= set(o)

    done = run("cluster", contributions, "--model", model)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b", 3]
    assert all(isinstance(o["cluster"], int) and o["cluster_label"] for o in out)

    done = run("evaluate", labelled, "--cv", "2", "--frame", "quarter")
    assert done.returncode == 0, done.stderr
    assert "field macro-F1" in done.stdout and "field accuracy" in done.stdout


def test_zero_shot_classify_with_frame(contributions):
    done = run("classify", contributions, "--frame", "quarter")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert all(o["field"] in {"WQ1", "WQ2", "WQ3", "WQ4", "sonstiges"} for o in out)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n', "Zeile 2"),
        ('{"id": 1}\n', "Zeile 1: Schlüssel 'text' fehlt"),
        ("[1, 2]\n", "Zeile 1: erwartet wird ein JSON-Objekt"),
        ("", "keine Beiträge"),
        ("\n\n", "keine Beiträge"),
    ],
)
def test_bad_input_gives_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    for command in ("classify", "cluster"):
        done = run(command, path, "--model", tmp_path / "unused")
        assert done.returncode != 0
        assert message in done.stderr and "Traceback" not in done.stderr
        assert done.stdout == ""


def test_missing_file_and_unreadable_model(tmp_path, contributions):
    done = run("classify", tmp_path / "nope.jsonl")
    assert done.returncode != 0 and "nope.jsonl" in done.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "meta.json").write_text("{")
    done = run("classify", contributions, "--model", broken)
    assert done.returncode != 0 and "broken" in done.stderr and "Traceback" not in done.stderr


def test_train_errors_leave_nothing_behind(tmp_path):
    path = tmp_path / "unlabelled.jsonl"
    path.write_text('{"id": 1, "text": "ohne Label"}\n')
    done = run("train", path, "--out", tmp_path / "model")
    assert done.returncode != 0 and "Zeile 1: Schlüssel 'field' fehlt" in done.stderr
    one_label = tmp_path / "one.jsonl"
    one_label.write_text('{"text": "a b c", "field": "x"}\n')
    done = run("train", one_label, "--out", tmp_path / "model", "--frame", "quarter")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.jsonl", "unlabelled.jsonl"]
