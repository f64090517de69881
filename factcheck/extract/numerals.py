"""Reading integers written in Chinese numerals: 十二, 二〇二五, 三千五百万."""
from __future__ import annotations


CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CN_NUMERAL_CHARS = "".join([*CN_DIGITS, *CN_SMALL_UNITS, *CN_BIG_UNITS])
_NUMERAL_SET = frozenset(CN_NUMERAL_CHARS)
_DIGIT_SET = frozenset(CN_DIGITS)


def parse_cn_int(text: str) -> int | None:
    """Value of a Chinese integer numeral, or None if `text` is not one.

    Handles positional forms (十二, 一百零五, 三千五百万, 两亿) and digit-by-digit
    forms used for years (二〇二五).
    """
    if not text or not _NUMERAL_SET.issuperset(text):
        return None
    if _DIGIT_SET.issuperset(text):
        if len(text) == 1:
            return CN_DIGITS[text]
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0:
                return None  # two digits in a row in a positional numeral: 二三十
            digit = CN_DIGITS[ch] if CN_DIGITS[ch] != 0 else None
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0 and total == 0:
                return None
            big = CN_BIG_UNITS[ch]
            if total and total < big:  # 三万亿: the earlier part scales too
                total = (total + section) * big
            else:
                total += section * big
            section, digit = 0, None
    return total + section + (digit or 0)
