"""Reference data per audit type: target groups; the fields and themes come from the NLP frames."""

from __future__ import annotations

from participation.i18n import _l
from participation.processes.models import AuditType, Phase

FAMILY_TARGET_GROUPS = [
    ("families", _l("Familien und Eltern")),
    ("youth", _l("Kinder und Jugendliche")),
    ("associations", _l("Vereine, Verbände und Träger")),
    ("companies", _l("Unternehmen und Arbeitgeber")),
    ("seniors", _l("Seniorinnen und Senioren")),
    ("administration", _l("Verwaltung und Politik")),
    ("citizens", _l("Bürgerinnen und Bürger")),
]

QUARTER_TARGET_GROUPS = [
    ("tenants", _l("Mieterinnen und Mieter")),
    ("owners", _l("Eigentümerinnen und Eigentümer")),
    ("housing_company", _l("Wohnungsunternehmen")),
    ("neighbourhood_services", _l("Soziale Dienste und Träger im Quartier")),
    ("families", _l("Familien mit Kindern")),
    ("seniors", _l("Ältere Menschen")),
    ("citizens", _l("Nachbarschaft allgemein")),
]

TARGET_GROUPS = {
    AuditType.FAMILY_MUNICIPALITY: FAMILY_TARGET_GROUPS,
    AuditType.FAMILY_DISTRICT: FAMILY_TARGET_GROUPS,
    AuditType.HOUSING_QUARTER: QUARTER_TARGET_GROUPS,
}

PHASE_ORDER = list(Phase)
