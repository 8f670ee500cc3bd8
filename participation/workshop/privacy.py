"""The workshop's part in data-subject requests: it stores no names, but its model holds words."""

from __future__ import annotations

import shutil

from participation.workshop.operations import model_dir


class WorkshopPersonalData:
    """Personal-data provider: nothing to find; anonymising removes the trained model.

    Assignments are deleted with their contribution (foreign key cascade). A trained model
    keeps vocabulary from confirmed contribution texts, so an anonymised process loses it;
    the next run falls back to zero-shot or retrains on what remains.
    """

    def find(self, process, name: str) -> list:
        return []

    def delete(self, process, keys) -> int:
        return 0

    def anonymise(self, process) -> None:
        shutil.rmtree(model_dir(process), ignore_errors=True)
