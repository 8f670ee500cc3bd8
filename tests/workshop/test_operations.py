"""The analysis run, the lead's corrections and the learning loop, without HTTP."""

from __future__ import annotations

import json

import pytest
from click.testing import Result
from sqlalchemy import select

from participation.contributions.models import Contribution
from participation.extensions import db
from participation.workshop import operations, queries
from participation.workshop.models import OFF_TOPIC, Assignment, RunStatus, Subtopic
from tests.workshop.conftest import add_texts


def analyse(process):
    run = operations.start_run(process, "test")
    db.session.commit()
    run = operations.execute_run(run.id)
    assert run.status is RunStatus.DONE, run.error
    return run


def assignment_for(process, text_start):
    return db.session.scalar(
        select(Assignment)
        .join(Contribution, Contribution.id == Assignment.contribution_id)
        .where(Assignment.process_id == process.id, Contribution.text.startswith(text_start))
    )


def test_run_assigns_every_active_contribution_and_builds_subtopics(family):
    withdrawn = db.session.scalars(select(Contribution)).first()
    withdrawn.withdrawn = True
    db.session.commit()
    run = analyse(family)
    assert run.model_kind == "zero_shot" and run.percent == 100
    summaries = queries.field_summaries(family)
    assert sum(s.total for s in summaries) == 23
    assert [s.code for s in summaries] == ["HF1", "HF2", "HF3", "HF4", "HF5", "HF6", OFF_TOPIC]
    kita = assignment_for(family, "Längere Öffnungszeiten")
    assert kita.field_code == "HF2" and kita.subtopic is not None
    assert db.session.scalar(select(Subtopic.id).where(Subtopic.process_id == family.id))
    rollstuhl = assignment_for(family, "Der Spielplatz ist nicht barrierefrei")
    assert "QT2" in rollstuhl.theme_codes


def test_a_second_run_while_one_is_running_is_refused(family):
    operations.start_run(family, "a")
    db.session.commit()
    with pytest.raises(operations.WorkshopError):
        operations.start_run(family, "b")


def test_corrections_survive_a_rerun_and_feed_the_next_training(family, lead, monkeypatch):
    analyse(family)
    thanks = assignment_for(family, "Vielen Dank")
    bus = assignment_for(family, "Der Bus fährt")
    library = assignment_for(family, "Die Bibliothek")
    operations.set_field(family, bus, "HF1", lead)  # deliberately unusual
    operations.set_themes(family, library, ["QT4"], lead)
    operations.confirm_assignment(thanks, lead)
    kita = assignment_for(family, "Längere Öffnungszeiten")
    operations.rename_subtopic(kita.subtopic, "Betreuungszeiten")
    named_id = kita.subtopic_id
    db.session.commit()

    records = operations.training_records(family)
    assert {r["text"][:12]: r["field"] for r in records} == {
        "Der Bus fähr": "HF1",
        "Die Biblioth": "HF3",
        "Vielen Dank ": OFF_TOPIC,
    }
    assert next(r for r in records if r["text"].startswith("Die Bib"))["themes"] == ["QT4"]

    from nlp.api import Analyzer

    seen = []
    real_train = Analyzer.train.__func__

    def spy(cls, records, frame="family"):
        seen.append(list(records))
        return real_train(cls, records, frame=frame)

    monkeypatch.setattr(Analyzer, "train", classmethod(spy))
    add_texts(family, [("families", None, "Die Kita sollte auch um 17 Uhr noch offen sein.")])
    run = analyse(family)

    assert run.model_kind == "trained" and run.training_size == 3
    assert len(seen) == 1
    assert [r["field"] for r in seen[0]] == ["HF1", "HF3", OFF_TOPIC]  # the lead's records
    # The trained model still knows every field, not only the three the lead named.
    saved = json.loads((operations.model_dir(family) / "meta.json").read_text())
    assert {"HF2", "HF4", "HF5", "HF6"} <= set(saved["field_labels"])
    assert (operations.model_dir(family) / "meta.json").exists()
    db.session.expire_all()
    assert assignment_for(family, "Der Bus fährt").field_code == "HF1"
    assert assignment_for(family, "Die Bibliothek").theme_codes == ["QT4"]
    assert db.session.get(Subtopic, named_id).name == "Betreuungszeiten"
    new = assignment_for(family, "Die Kita sollte")
    assert new is not None and new.confirmed is False
    assert queries.confirmations_by_person(family) == [("lead", 3)]


def test_corrections_change_the_retrained_model(family, lead):
    """After the lead files market contributions under HF1, a similar new text goes there too."""
    add_texts(
        family,
        [
            ("citizens", None, "Der Wochenmarkt auf dem Rathausplatz braucht mehr Stände."),
            ("citizens", None, "Ein Wochenmarkt am Samstagvormittag wäre toll."),
            ("citizens", None, "Den Wochenmarkt mit regionalen Händlern bitte erhalten."),
            ("citizens", None, "Der Wochenmarkt ist ein Treffpunkt, bitte öfter."),
        ],
    )
    analyse(family)
    probe = "Auf dem Wochenmarkt fehlen Stände mit Obst."
    before = operations.current_analyzer(family).classify([probe])[0].field
    target = "HF6" if before != "HF6" else "HF1"
    for assignment in db.session.scalars(
        select(Assignment)
        .join(Contribution, Contribution.id == Assignment.contribution_id)
        .where(Contribution.text.contains("Wochenmarkt"))
    ):
        operations.set_field(family, assignment, target, lead)
    db.session.commit()
    analyzer, size = operations.train_model(family)
    assert size == 4
    assert analyzer.classify([probe])[0].field == target
    assert operations.current_analyzer(family).classify([probe])[0].field == target


def test_merge_split_move_and_pin(family, lead):
    analyse(family)
    by_field = {}
    for s in db.session.scalars(select(Subtopic).where(Subtopic.process_id == family.id)):
        by_field.setdefault(s.field_code, []).append(s)
    hf5 = queries.subtopic_summaries(family, "HF5")
    members = list(db.session.scalars(select(Assignment).where(Assignment.field_code == "HF5")))
    # Split two members of the first sub-topic into a new named one.
    source = hf5[0].subtopic
    chosen = [a.id for a in members if a.subtopic_id == source.id][:2]
    new = operations.split_subtopic(family, source, chosen, "Spielplätze", lead)
    db.session.commit()
    assert {
        a.subtopic_id
        for a in db.session.scalars(select(Assignment).where(Assignment.id.in_(chosen)))
    } == {new.id}
    with pytest.raises(operations.WorkshopError):
        operations.split_subtopic(family, source, [], "Leer", lead)
    with pytest.raises(operations.WorkshopError):
        operations.rename_subtopic(new, "   ")

    # Merge the new one back into the original.
    operations.merge_subtopics(family, source, new, lead)
    db.session.commit()
    assert db.session.get(Subtopic, new.id) is None
    assert source.name  # a merged sub-topic keeps its name from now on

    # Moving to a sub-topic of another field moves the field too and locks it there.
    other = next(s for s in by_field.get("HF2", []))
    bus = assignment_for(family, "Der Bus fährt")
    operations.move_to_subtopic(family, bus, other, lead)
    operations.set_pinned(bus, True)
    db.session.commit()
    assert bus.field_code == "HF2" and bus.subtopic_locked and bus.confirmed
    quotes = next(
        s for s in queries.subtopic_summaries(family, "HF2") if s.subtopic == other
    ).quotes
    assert quotes[0].id == bus.id
    with pytest.raises(operations.WorkshopError):
        operations.merge_subtopics(family, source, other, lead)  # different fields

    analyse(family)
    db.session.expire_all()
    assert assignment_for(family, "Der Bus fährt").subtopic_id == other.id


def test_off_topic_clears_themes_and_subtopic(family, lead):
    analyse(family)
    rollstuhl = assignment_for(family, "Der Spielplatz ist nicht barrierefrei")
    operations.mark_off_topic(family, rollstuhl, lead)
    db.session.commit()
    assert rollstuhl.field_code == OFF_TOPIC
    assert rollstuhl.theme_codes == [] and rollstuhl.subtopic_id is None
    with pytest.raises(operations.WorkshopError):
        operations.set_field(family, rollstuhl, "HF9", lead)
    with pytest.raises(operations.WorkshopError):
        operations.set_themes(family, rollstuhl, ["QT99"], lead)


def test_cluster_matching_prefers_the_largest_overlap():
    matches = operations._match_clusters(
        [{1, 2, 3}, {4, 5}, {9}], {10: {1, 2}, 11: {4, 5, 6}, 12: {7}}, set()
    )
    assert matches == {0: 10, 1: 11}


def test_cli_analyse(runner, family):
    result: Result = runner.invoke(args=["workshop", "analyse", family.slug])
    assert result.exit_code == 0, result.output
    assert "Analyse fertig: 24 Beiträge" in result.output
    missing = runner.invoke(args=["workshop", "analyse", "gibt-es-nicht"])
    assert missing.exit_code != 0


def test_anonymising_removes_the_trained_model(app, family):
    from participation.workshop.privacy import WorkshopPersonalData

    directory = operations.model_dir(family)
    directory.mkdir(parents=True)
    (directory / "meta.json").write_text("{}")
    provider = WorkshopPersonalData()
    assert provider.find(family, "Anna") == []
    provider.anonymise(family)
    assert not directory.exists()
