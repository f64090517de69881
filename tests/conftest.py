"""Fixtures shared by the fast-path tests of more than one stage: the lines and pieces of text they draw from."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

# Frequent characters of both scripts, rarer and one-script ones, punctuation, Latin and what a
# mojibake repair must weigh ("?", a replacement character, a middle dot, an ideographic space).
_MIXED_SCRIPT_ALPHABET = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    "這個們說來時會對發過於當與從還經進關後將應該實際無樣為點問題務麼導電話車門東華國開長見區網體兩給頭隊機"
    "鍾鎔綑叡鑫淼犇骉龘菓槓鬥粧秘钜鍊鏽峯"  # rarer and one-script characters
    "，。、：；！？“”（）《》—…％"
    "abcXYZ019 ?()@~\ufffd\u00e9\u00b7\u2014\u3000"
)


def _mixed_script_lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        line = "".join(rng.choice(_MIXED_SCRIPT_ALPHABET) for _ in range(rng.randint(0, 60)))
        for _ in range(rng.randint(1, 3)):  # a "?" before a shifted-looking stretch, now and then a damaged gloss
            at = rng.randint(0, len(line))
            line = line[:at] + rng.choice(["?", "?", "?yàn)", "?ài)"]) + line[at:]
        lines.append(line)
    return lines


@pytest.fixture(scope="session")
def mixed_script_lines() -> Callable[[int, int], list[str]]:
    """`lines(count, seed)`: random lines of both scripts with bare and gloss-damaged "?" (clean, read)."""
    return _mixed_script_lines


@pytest.fixture(scope="session")
def numeral_lines() -> list[str]:
    """Lines of numerals, years and dates that could read as amounts or date heads (amounts, dates)."""
    return [
        "一些人说，这是之一。", "一万人参加", "百分之一的用户", "百分之一十", "一点五亿元", "十一万元", "零售额增长",
        "〇〇七", "一一", "第一季度营收一百亿元", "2025-12-01发布", "x2025.1", "12345/", "1234年", "月活", "",
        "他在2025年3月1日宣布", "约一千二百万美元", "上万人", "数十亿", "1-2万元", "一至二万人",
    ]


# Characters the scanners could trip over: case folds beyond ASCII (the Kelvin sign, a long s, a
# dotless i, a dotted I), word edges, digits, CJK words and their neighbours.
CASE_FOLD_ALPHABET = "aAkKsSoOpPeEnNiI \u212aſıİ0123-.·的红色警报年月日周二三十万"


@pytest.fixture(scope="session")
def lexicon_lines() -> st.SearchStrategy[str]:
    """Lines of every lexicon word the shipped rules give the extractors, with dates, names and
    the characters of CASE_FOLD_ALPHABET (context scanners, date hint)."""
    from factcheck.extract import amount_context, date_forms, person_lexicon, terms
    from factcheck.settings import load_config

    config = load_config(ROOT / "rules")
    words = [*person_lexicon._lexicon(config).title_roles, *terms._index(config).entity_canon, *terms._index(config).event_canon]
    words += [*amount_context._lexicon(config).metric_key, *date_forms._CANONICAL_WORD, *date_forms.PUBLICATION_YEARS, *date_forms.SEASONS]
    tokens = [*words, *CASE_FOLD_ALPHABET, "2025", "12", "-", "/", "Sam Altman", "CEO", "百分之", "上万", "前", "的"]
    return st.lists(st.sampled_from(tokens), max_size=12).map("".join)


@pytest.fixture(scope="session")
def sentence_and_title_lines() -> st.SearchStrategy[str]:
    """Lines of several sentences and title words in both scripts (context sentences, people titles)."""
    # Sentence ends, closing quotes, clause breaks, title words (CEO, 首席执行官, 前 CEO) and plain text.
    tokens = [
        "。", "！", "？", "!", "?", "；", ";", "”", "」", "\"", "'", "，", "、", "：", " ",
        "CEO", "Chief Executive Officer", "首席执行官", "总裁", "前", "former", "OpenAI", "的", "副总裁",
        "Sam", "Altman", "萨姆·奥特曼", "负责人", "研究员", "2025年", "3月1日", "他", "说", "a", "公司",
    ]
    return st.lists(st.sampled_from(tokens), max_size=16).map("".join)


@pytest.fixture(scope="session")
def marker_and_fold_texts() -> st.SearchStrategy[str]:
    """Texts of plan markers and of what normalise folds (dates plan markers, normalise)."""
    # Plan markers and their overlaps (将, 将于, 即将), the pronouns after a disposal 将, Latin markers,
    # full-width forms to fold, 著, Traditional characters and phrases, clause breaks.
    alphabet = "计划预将于即其这更全拟届时定打算准备目标是有望 willplans toexpectedWILL，。、" \
               "０１９ＡＺａｚ％＄＋－．／\u3000（）：著名显作著者臺灣軟體影片資料"
    return st.text(alphabet=alphabet, max_size=40)
