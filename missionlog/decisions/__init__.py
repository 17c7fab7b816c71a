"""Mission decisions: rules over the replayed state that say what must be decided,
and the life cycle of each decision (open, decided, resolved) with its evidence.

Pure domain: reads the World the fold builds, never the store or the CLI.
"""

from missionlog.decisions.book import (
    DECISION_KEYS,
    STATUSES,
    Decision,
    DecisionBook,
    derive_decisions,
    with_station,
    with_status,
)
from missionlog.decisions.catalog import KINDS, RULES, RULING
from missionlog.decisions.explain import explain_decision
from missionlog.decisions.rules import Opening, Rule

__all__ = [
    "DECISION_KEYS",
    "KINDS",
    "RULES",
    "RULING",
    "STATUSES",
    "Decision",
    "DecisionBook",
    "Opening",
    "Rule",
    "derive_decisions",
    "explain_decision",
    "with_station",
    "with_status",
]
