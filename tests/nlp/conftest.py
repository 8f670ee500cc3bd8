"""Fixtures for the nlp tests: one zero-shot analyzer per session and small labelled sets."""

import pytest

from nlp.api import Analyzer

# A town's own coding frame, unrelated to the audit's ids.
OWN_LABELS = [
    {"text": "Die Straßenlaterne vor dem Haus ist seit Wochen kaputt.", "field": "licht"},
    {"text": "Abends ist der Weg zur Haltestelle stockdunkel.", "field": "licht"},
    {"text": "Bitte mehr Lampen im Park aufstellen.", "field": "licht"},
    {"text": "Die Beleuchtung am Bahnhof fällt ständig aus.", "field": "licht"},
    {"text": "Im Treppenhaus brennt kein Licht mehr.", "field": "licht"},
    {"text": "Überall liegt Müll neben den Containern.", "field": "muell"},
    {"text": "Die Mülleimer am Spielplatz quellen über.", "field": "muell"},
    {"text": "Sperrmüll steht seit Tagen auf dem Gehweg.", "field": "muell"},
    {"text": "Die Altglascontainer werden zu selten geleert.", "field": "muell"},
    {"text": "Im Wald werden illegal Abfälle entsorgt.", "field": "muell"},
]


@pytest.fixture(scope="session")
def zero_shot() -> Analyzer:
    return Analyzer.zero_shot("family")


@pytest.fixture(scope="session")
def own_model(tmp_path_factory) -> tuple[Analyzer, str]:
    analyzer = Analyzer.train(OWN_LABELS, frame="family")
    directory = tmp_path_factory.mktemp("models") / "own"
    analyzer.save(directory)
    return analyzer, str(directory)
