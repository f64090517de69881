"""The people lexicon: the rules' title words, past markers, organisations and name lists, compiled once.

Built once per rule set; also the script tests (`_is_latin`, `_is_cjk`) the people readers share."""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from ..config import Config
from .context import Scanner, word_starts

DOTS = "·•・‧"
_CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class _Lexicon:
    titles: tuple[Scanner | re.Pattern, ...]
    title_roles: dict[str, str]  # normalised lower-case word -> role
    wildcard_roles: tuple[str, ...]  # role prefix per wildcard group w0, w1, ...
    # every past marker, as it may be written right before a title: (length, markers), longest first
    prefix_markers: tuple[tuple[int, frozenset[str]], ...]
    marker_ends: frozenset[str]  # the last character of every past marker, lower-case
    loose_markers: re.Pattern | None  # longer past markers: anywhere in the title's clause
    loose_words: tuple[str, ...]  # the words of loose_markers
    org_suffixes: tuple[str, ...]
    entities: frozenset[str]
    entity_lengths: dict[str, tuple[int, ...]]  # first character -> lengths of the entities opening with it, longest first
    connectors: re.Pattern | None
    given: frozenset[str]
    not_names: frozenset[str]
    generic_terms: frozenset[str]
    translit: frozenset[str]
    surnames: frozenset[str]
    boundaries: re.Pattern | None


def _normalise(word: str, config: Config) -> str:
    """Lexicon words in any script, in the script of `Line.norm`."""
    from ..normalise import normalise_text

    return normalise_text(word, config)


def _lexicon(config: Config) -> _Lexicon:
    """The compiled people lexicon of `config`, built once per rule set."""
    return config.derived("people.lexicon", _build_lexicon)


def _build_lexicon(config: Config) -> _Lexicon:
    norm = functools.partial(_normalise, config=config)
    rules = config.lex("title_rules")
    names = config.lex("names")
    titles, roles, wildcard_roles = _title_regex(config.lex("titles"), norm)
    markers = sorted({norm(m) for m in rules["past_markers"]}, key=lambda m: (-len(m), m))
    prefix_markers = [m.lower() for m in markers]
    translit = "".join(names["transliteration_chars"]) + norm(names["transliteration_chars"])
    surnames = names["surnames"] + norm(names["surnames"])
    entities = {norm(a) for aliases in config.lex("entities").values() for a in aliases} - {""}
    return _Lexicon(
        titles=titles,
        title_roles=roles,
        wildcard_roles=wildcard_roles,
        prefix_markers=tuple((length, frozenset(group)) for length, group in itertools.groupby(prefix_markers, len)),
        marker_ends=frozenset(m[-1] for m in prefix_markers),
        loose_markers=_alternation([m.lower() for m in markers if len(m) > 1]),
        loose_words=tuple(sorted({m.lower() for m in markers if len(m) > 1})),
        org_suffixes=tuple(sorted({norm(s) for s in rules["org_suffixes"]}, key=lambda s: (-len(s), s))),
        entities=frozenset(entities),
        entity_lengths=_lengths_by_first_character(entities),
        connectors=_alternation([norm(c) for c in rules["connectors"]]),
        given=frozenset(g.lower() for g in names["given"]),
        not_names=frozenset(w.lower() for w in names["not_names"]),
        generic_terms=frozenset(w.lower() for w in names["generic_terms"]),
        translit=frozenset(translit) - set(DOTS),
        surnames=frozenset(surnames),
        boundaries=_alternation([norm(b) for b in names["boundaries"]]),
    )


def _lengths_by_first_character(words: set[str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for word in words:
        lengths.setdefault(word[0], set()).add(len(word))
    return {first: tuple(sorted(group, reverse=True)) for first, group in lengths.items()}


def _alternation(words: list[str]) -> re.Pattern | None:
    """Longest first; Latin words only as whole words."""
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    patterns = [rf"(?<![A-Za-z]){re.escape(w)}" if w[0].isascii() and w[0].isalpha() else re.escape(w) for w in words]
    return re.compile("|".join(patterns)) if words else None


def _title_regex(lexicon: dict, norm) -> tuple[tuple[Scanner | re.Pattern, ...], dict[str, str], tuple[str, ...]]:
    """Regexes for every title word, one per script (a shared one defeats the regex engine's
    first-character scan): literal words longest first, then wildcard patterns."""
    roles: dict[str, str] = {}
    wildcards: list[tuple[str, str]] = []
    for role, words in sorted(lexicon.items()):
        for word in words:
            text = norm(word)
            if "*" in text:
                wildcards.append((role, text))
            else:
                roles.setdefault(text.lower(), role)
    regexes = []
    for latin in (False, True):
        literals = sorted((w for w in roles if _is_latin(w) == latin), key=lambda w: (-len(w), w))
        parts = ["(?P<lit>" + "|".join(map(re.escape, literals)) + ")"] if literals else []
        for index, (_, text) in enumerate(wildcards):
            if _is_latin(text) == latin:
                parts.append(f"(?P<w{index}>{_wildcard_pattern(text)})")
        if parts:
            body = "|".join(parts)
            regex = re.compile(rf"(?<![A-Za-z])(?i:{body})(?![A-Za-z])" if latin else body)
            heads = [*literals, *(text.partition("*")[0] for _, text in wildcards if _is_latin(text) == latin)]
            if all(heads):  # a word opening with a wildcard could begin anywhere: tried everywhere
                regex = Scanner(regex, _latin_word_starts(heads) if latin else word_starts(heads))
            regexes.append(regex)
    wildcard_roles = tuple(role.removesuffix("*") for role, _ in wildcards)
    return tuple(regexes), roles, wildcard_roles


def _latin_word_starts(heads: list[str]) -> re.Pattern:
    """Where a Latin title word may begin: a letter opening a word, then the first three
    letters of one (any case). Latin runs are mostly words of no title (ChatGPT, Sora): the
    three letters keep most of them from a try of the whole pattern, and opening with a
    character class (the lookbehind after it) lets the engine skip ahead in C."""
    firsts = "".join(map(re.escape, sorted({head[0] for head in heads})))
    prefixes = "|".join(map(re.escape, sorted({head[:3] for head in heads})))
    return re.compile(rf"(?i:[{firsts}])(?<![A-Za-z].)(?<=(?=(?i:{prefixes})).)")


def _is_latin(text: str) -> bool:
    return bool(re.search("[A-Za-z]", text)) and not re.search(f"[{_CJK}]", text)


def _wildcard_pattern(word: str) -> str:
    head, _, tail = word.partition("*")
    if _is_latin(word):
        gap = r"([A-Za-z]+(?: [A-Za-z]+){0,2}?)"
        return re.escape(head) + gap + re.escape(tail)
    gap = f"((?:(?![的、，,])[{_CJK}]){{1,6}}?)"
    return re.escape(head) + gap + re.escape(tail)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
