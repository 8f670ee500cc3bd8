"""Changing an id in a staff URL never reaches an object of another process."""

import re

import pytest
from sqlalchemy import select

from participation.accounts.models import Role
from participation.demo import load_demo
from participation.extensions import db
from participation.processes.models import Process
from tests.core.test_authorization import staff_rules


def objects_of(process_id: int) -> tuple[set[int], set[str]]:
    """Return the ids of every row that belongs to the process, and its distinctive texts."""
    ids, texts = set(), set()
    for table in db.metadata.sorted_tables:
        if "process_id" not in table.c or table.name in {"process_membership", "audit_log_entry"}:
            continue
        columns = [c for c in ("title", "name") if c in table.c]
        for row in db.session.execute(
            select(table).where(table.c.process_id == process_id)
        ).mappings():
            ids.add(row["id"])
            texts.update(row[c] for c in columns if row[c] and len(row[c]) > 12)
    return ids, texts


@pytest.mark.slow
def test_lead_of_one_process_cannot_reach_objects_of_another(app, client, factory, auth):
    load_demo()
    rosenau = db.session.scalar(select(Process).where(Process.slug == "rosenau"))
    sonnenhang = db.session.scalar(select(Process).where(Process.slug == "sonnenhang"))
    factory.user("quartier@test.example", role=Role.LEAD, process=sonnenhang)
    foreign_ids, foreign_texts = objects_of(rosenau.id)
    own_ids, _ = objects_of(sonnenhang.id)
    probe_ids = sorted(foreign_ids - own_ids)[:25]
    # The detector works: the public page of the other process shows some of these texts.
    public = client.get("/p/rosenau/").get_data(as_text=True)
    assert any(t in public for t in foreign_texts)
    auth.login("quartier@test.example")
    checked = 0
    for rule in staff_rules(app):
        int_args = [a for a in rule.arguments if a != "process_slug"]
        if "process_slug" not in rule.arguments or not int_args:
            continue
        for object_id in probe_ids:
            path = re.sub(r"<(?:\w+:)?process_slug>", "sonnenhang", rule.rule)
            path = re.sub(r"<(?:\w+:)?\w+>", str(object_id), path)
            method = "GET" if "GET" in rule.methods else "POST"
            response = client.open(path, method=method)
            body = response.get_data(as_text=True)
            assert response.status_code < 500, path
            leaked = [t for t in foreign_texts if t in body]
            assert leaked == [], f"{path} shows {leaked[:3]}"
            if method == "POST":
                assert response.status_code in (400, 404, 422), path
            checked += 1
    assert checked > 0
