"""What attribution reads around an amount: the lexicon sections (once per config) and its sentence and clause."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from . import context
from ..config import Config
from ..normalise import normalise_text
from .amount_values import _Reading
from .terms import alias_pattern

_UNSCOPED = ("duration", "age")  # a tenure or an age has no time scope of its own

# ------------------------------------------------------------------ lexicons


@dataclass(frozen=True)
class _Lexicon:
    """The lexicon sections amounts read, normalised and compiled once per config."""

    metrics: context.Scanner | None
    metric_key: dict[str, str]
    scopes: context.Scanner | None
    scope_key: dict[str, str]
    markers: context.Scanner | None
    marker_kind: dict[str, str]
    entity_keys: frozenset[str]
    as_of_publication: frozenset[str]  # metrics whose unscoped figures hold on the publication day only
    window_days: int  # an unscoped figure holds around its publication date, this many days either side
    event_metrics: frozenset[str]  # metrics an event may own when no organisation is named


_MARKER_PRIORITY = ("target", "estimate", "plan")  # a word in several lists takes the first


def _lexicon(config: Config) -> _Lexicon:
    return config.derived("amounts.lexicon", _build_lexicon)


def _build_lexicon(config: Config) -> _Lexicon:
    sections = {name: config.lex(name) for name in ("metrics", "metric_scopes", "markers", "entities", "metric_rules")}
    metric_key = _alias_map(sections["metrics"], config)
    scope_key = _alias_map(sections["metric_scopes"], config)
    markers = {kind: sections["markers"].get(kind, []) for kind in reversed(_MARKER_PRIORITY)}
    marker_kind = _alias_map(markers, config, keys_are_aliases=False)
    entity_keys = frozenset(_normalise_word(key, config).lower() for key in sections["entities"])
    rules = sections["metric_rules"]
    return _Lexicon(alias_pattern(metric_key), metric_key, alias_pattern(scope_key), scope_key,
                    alias_pattern(marker_kind), marker_kind, entity_keys,
                    frozenset(rules["as_of_publication"]), rules["publication_window_days"],
                    frozenset(rules["event_metrics"]))


def _alias_map(section: dict, config: Config, keys_are_aliases: bool = True) -> dict[str, str]:
    """Normalised lower-case alias -> key; later sections' keys win for shared words."""
    out: dict[str, str] = {}
    for key, aliases in sorted(section.items()) if keys_are_aliases else section.items():
        words = [key, *aliases] if keys_are_aliases else list(aliases)
        for word in words:
            norm = _normalise_word(word, config).lower()
            if norm:
                out[norm] = key
    return out


def _normalise_word(word: str, config: Config) -> str:
    return normalise_text(word, config)


# ------------------------------------------------------------------ the window


class _Window(NamedTuple):
    """Where an amount sits: the line, its sentence and clause spans, the amount span."""

    norm: str
    sentence: tuple[int, int]
    clause: tuple[int, int]
    start: int
    end: int
    noun_end: int


def _window(norm: str, reading: _Reading) -> _Window:
    sentence = context.sentence_at(norm, reading.start)
    clause_start = context.clause_at(norm, reading.start, *sentence)[0]
    clause_end = context.clause_at(norm, max(reading.end, reading.noun_end), *sentence)[1]
    return _Window(norm, sentence, (clause_start, clause_end), reading.start, reading.end, reading.noun_end)
