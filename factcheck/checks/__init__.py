"""The registry of check kinds: every rule ID, its kind, default severity and options."""
from __future__ import annotations

from ..config import RuleSpec
from . import amount_conflict, anachronism, date_conflict, name_variant, text_quality, title_conflict

MODULES = (date_conflict, amount_conflict, name_variant, title_conflict, anachronism, text_quality)
RULE_SPECS: dict[str, RuleSpec] = {spec.id: spec for module in MODULES for spec in module.RULES}
