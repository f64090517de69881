"""The keys alignment compares claims by: claim order, folded names and subjects, name nodes.

Also the folded keys of an alias lexicon (`lexicon_keys`)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import attrgetter
from typing import Callable

from ..config import Config
from ..model import Claim
from ..normalise import normalise_text

# Letters NFKD does not split into base + mark (Łukasz, Søren, Đoković, Straße)
_UNDECOMPOSABLE = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                 "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})
_CJK_SEPARATORS = str.maketrans({c: "·" for c in "・•‧･∙⋅●．"})
_SUBJECT_NOISE = re.compile(r"[\s\-_·・•‧･'\"“”‘’「」『』《》〈〉()（）\[\]【】]+")


# The sort key of the total order on claims (Claim.order), so results never depend on input order;
# an attrgetter, as every stage sorts by it hundreds of thousands of times.
claim_order: Callable[[Claim], tuple] = attrgetter("order")


def lexicon_keys(config: Config, section: str) -> frozenset[str]:
    """Folded canonical keys of an alias lexicon (`entities`, `events`), built once per rule set."""

    def build(config: Config) -> frozenset[str]:
        keys = (fold_subject(normalise_text(key, config)) for key in config.lex(section))
        return frozenset(k for k in keys if k)

    return config.derived(f"align.keys.{section}", build)


@lru_cache(maxsize=65536)  # a corpus names the same people and anchors again and again
def fold_latin(name: str) -> str:
    """Case, diacritics, hyphens and punctuation folded: `Jean-Luc  Picard` -> `jean luc picard`."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = re.sub(r"['’`]", "", bare.casefold())
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare).split())


@lru_cache(maxsize=65536)
def fold_cjk(name: str) -> str:
    """Separator dots unified and spaces dropped: `雅各布・帕乔基` -> `雅各布·帕乔基`."""
    return "".join(unicodedata.normalize("NFKC", name).translate(_CJK_SEPARATORS).split())


@lru_cache(maxsize=65536)
def fold_subject(subject: str) -> str:
    """Anchor key: `GPT-5.2`, `gpt 5.2` and `“GPT 5.2”` all fold to `gpt5.2`."""
    return _SUBJECT_NOISE.sub("", unicodedata.normalize("NFKC", subject).casefold())


def has_latin(text: str) -> bool:
    return any("a" <= ch <= "z" for ch in text.casefold())


@lru_cache(maxsize=65536)
def name_node(name: str) -> str:
    """The union-find node of a name written in either script ("" for no name)."""
    if has_latin(name):
        folded = fold_latin(name)
        return f"L:{folded}" if folded else ""
    folded = fold_cjk(name)
    return f"C:{folded}" if folded else ""
