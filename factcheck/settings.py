"""The settings a run uses: the rules (and a project's settings over them) read against every check kind's spec.

config.py reads and validates rule files but knows no check kind; the check kinds declare what a
rule file may switch on and set (`checks.RULE_SPECS`). This module brings the two together, above
both, so neither imports the other."""
from __future__ import annotations

from importlib.abc import Traversable

from .checks import RULE_SPECS
from .config import Config, ProjectFile, read_config


def load_config(rules_dir: Traversable | str | None = None, project: ProjectFile | None = None) -> Config:
    """The rules directory (default: $FACTCHECK_RULES, else the packaged rules) with the project's
    settings over it, validated against every check kind's spec; ConfigError names file and key."""
    return read_config(RULE_SPECS, rules_dir, project)
