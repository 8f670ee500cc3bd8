"""Data-subject requests and archiving reach idea authors' names."""

from participation.contributions.models import Contribution, ContributionSource
from participation.extensions import db
from participation.ideas import operations
from participation.ideas.models import Idea, IdeaComment
from participation.processes.privacy import (
    archive_process,
    delete_personal_data,
    find_personal_data,
)


def test_find_and_delete_a_named_author(process, post_idea):
    mine = post_idea(title="Bänke", text="Mehr Bänke.", author_name="Erika Muster")
    other = post_idea(title="Radweg", text="Ein Radweg.", author_name="Max")
    comment = operations.add_comment(other, text="Gute Idee!", author_name="Erika M.")
    db.session.commit()
    records = find_personal_data(process, "erika")
    assert {r.key for r in records} == {f"idea:{mine.id}", f"comment:{comment.id}"}
    assert delete_personal_data(process, [r.key for r in records]) == 2
    db.session.commit()
    assert db.session.get(Idea, mine.id) is None
    assert db.session.get(IdeaComment, comment.id) is None
    assert db.session.get(Idea, other.id) is not None
    sources = {(c.source, c.source_id) for c in db.session.query(Contribution)}
    assert (ContributionSource.IDEA, mine.id) not in sources
    assert (ContributionSource.COMMENT, comment.id) not in sources
    assert (ContributionSource.IDEA, other.id) in sources


def test_wildcards_in_the_name_are_literal(process, post_idea):
    post_idea(author_name="Max")
    assert find_personal_data(process, "%%") == []


def test_archive_removes_names_and_keeps_texts(process, post_idea):
    idea = post_idea(author_name="Erika Muster")
    archive_process(process)
    db.session.commit()
    db.session.expire_all()
    kept = db.session.get(Idea, idea.id)
    assert kept.author_name == "" and kept.text
