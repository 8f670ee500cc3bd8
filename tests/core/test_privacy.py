from participation.extensions import db
from participation.processes.privacy import PersonalRecord


class FakeNamesProvider:
    """A provider as a feature would register one: here, names in memory."""

    def __init__(self):
        self.items = {"x:1": ("Erika Muster", "Mehr Bänke im Park"), "x:2": ("Max", "Radweg")}
        self.anonymised = False

    def find(self, process, name):
        return [
            PersonalRecord(key=k, kind="Test", name=n, text=t)
            for k, (n, t) in self.items.items()
            if name.lower() in n.lower()
        ]

    def delete(self, process, keys):
        found = [k for k in keys if k in self.items]
        for k in found:
            del self.items[k]
        return len(found)

    def anonymise(self, process):
        self.anonymised = True


def test_find_export_delete_and_archive(app, client, factory, auth):
    provider = FakeNamesProvider()
    app.extensions["personal_data_providers"].append(provider)
    process = factory.process()
    factory.user(process=process)
    auth.login()
    page = client.get(f"/staff/p/{process.slug}/personal-data?name=erika")
    assert "Erika Muster" in page.get_data(as_text=True) and "Max" not in page.get_data(
        as_text=True
    )
    export = client.post(f"/staff/p/{process.slug}/personal-data/export", data={"name": "erika"})
    assert export.get_json()["records"][0]["name"] == "Erika Muster"
    client.post(
        f"/staff/p/{process.slug}/personal-data/delete", data={"name": "erika", "key": "x:1"}
    )
    assert "x:1" not in provider.items and "x:2" in provider.items
    # only administrators archive
    assert (
        client.post(f"/staff/p/{process.slug}/archive", data={"confirm": process.slug}).status_code
        == 403
    )


def test_archive_anonymises_and_hides_process(app, client, factory, auth):
    from participation.accounts.models import Role

    provider = FakeNamesProvider()
    app.extensions["personal_data_providers"].append(provider)
    process = factory.process()
    factory.user("admin@test.example", role=Role.ADMIN)
    auth.login("admin@test.example")
    assert (
        client.post(f"/staff/p/{process.slug}/archive", data={"confirm": "falsch"}).status_code
        == 302
    )
    db.session.expire_all()
    assert not db.session.get(type(process), process.id).is_archived
    client.post(f"/staff/p/{process.slug}/archive", data={"confirm": process.slug})
    db.session.expire_all()
    assert db.session.get(type(process), process.id).is_archived and provider.anonymised
    assert client.get(f"/p/{process.slug}/").status_code == 404
