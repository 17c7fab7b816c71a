"""Every decision kind: the rules, in the order the book asks them, and `ruling`."""

from __future__ import annotations

from missionlog.decisions.lifeboat import LIFEBOAT_RULES
from missionlog.decisions.rules import CORE_RULES, Rule

RULES: tuple[Rule, ...] = (*CORE_RULES, *LIFEBOAT_RULES)
# A recorded decision that matches no derived one is a `ruling` of its own, so nothing
# an authority decided is invisible; it is not a rule (nothing derives it).
RULING = "ruling"
KINDS: tuple[str, ...] = (*(rule.kind for rule in RULES), RULING)
