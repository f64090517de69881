"""People extraction: a dot name spelt with the less frequent transliteration characters (秋, 顿, 优, 素)."""
from __future__ import annotations

import pytest

from factcheck.settings import load_config
from factcheck.model import ClaimKind, Document, Line, Metadata
from factcheck.extract.people import extract_people
from factcheck.normalise import normalise_text

RULES = load_config("rules")


def document(text: str) -> Document:
    line = Line(1, text, text, normalise_text(text, RULES))
    return Document("doc.txt", "0" * 64, "utf-8", Metadata(), (line,))


@pytest.mark.parametrize("text, cjk, latin, title", [
    ("公司首席技術官瑞秋·杜布瓦(Rachel Dubois)負責這次改組。", "瑞秋·杜布瓦", "Rachel Dubois", "首席技术官"),
    ("公司首席技术官瑞秋·杜布瓦(Rachel Dubois)负责这次改组。", "瑞秋·杜布瓦", "Rachel Dubois", "首席技术官"),
    ("財務長安娜·桑頓(Anna Thornton)週一證實了這筆交易。", "安娜·桑顿", "Anna Thornton", "财务长"),
    ("首席科学家优素福·米勒(Yusuf Miller)将在下月离开。", "优素福·米勒", "Yusuf Miller", "首席科学家"),
])
def test_the_whole_dot_name_is_paired_and_takes_the_title_before_it(text, cjk, latin, title):
    claims = extract_people(document(text), RULES)
    names = [c.value for c in claims if c.kind is ClaimKind.NAME]
    titles = [c.value for c in claims if c.kind is ClaimKind.TITLE]
    assert [(n.cjk, n.latin) for n in names] == [(cjk, latin)]
    assert [t.title for t in titles] == [title]
