"""Align fast paths, each compared with the plain code it stands in for: each name's nodes worked out
once, person roots read from one table, groups kept by the first claim from another document."""
from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import align
from factcheck.align import keys, person_groups
from factcheck.model import Claim, ClaimKind, NameValue, TitleValue

LATIN = ["", "Sam Altman", "sam  altman", "Altman", "Altmann", "Sam Altmann", "Jakub Pachocki", "Jakub Patchocki",
         "Pachocki", "Mark Chen", "Mark Chan", "Chen", "Jean-Luc Picard", "Łukasz Kaiser", "Kaiser", "奥特曼", "x"]
CJK = ["", "萨姆·奥特曼", "奥特曼", "雅各布・帕乔基", "帕乔基", "陈", "马克·陈", "卢卡斯·凯撒", "Altman"]
DOCS = ["a.txt", "b.txt", "c.txt", "d.txt"]


@st.composite
def name_and_title_claims(draw) -> tuple[list[Claim], list[Claim]]:
    names, titles = [], []
    for line in range(draw(st.integers(0, 25))):
        doc = draw(st.sampled_from(DOCS))
        if draw(st.booleans()):
            value = NameValue(draw(st.sampled_from(LATIN)), draw(st.sampled_from(CJK)))
            names.append(Claim(ClaimKind.NAME, doc, line, "s", "r", 0, "", "name", value))
        else:
            subject = draw(st.sampled_from(LATIN + CJK))
            titles.append(Claim(ClaimKind.TITLE, doc, line, "s", "r", 0, subject, "title", TitleValue("CEO", "ceo")))
    return sorted(names, key=keys.claim_order), sorted(titles, key=keys.claim_order)


def _plain_written(value: NameValue) -> list[str]:
    nodes = (keys.name_node(value.latin) if value.latin else "", keys.name_node(value.cjk) if value.cjk else "")
    return [n for n in nodes if n]


def _plain_primary(value: NameValue) -> str:
    latin = keys.name_node(value.latin) if value.latin else ""
    cjk = keys.name_node(value.cjk) if value.cjk else ""
    return latin if latin and person_groups._is_full(latin) else (cjk or latin)


def _plain_doc_refs(people: person_groups.People) -> dict[tuple[str, str], str]:
    """_resolve_surnames as it was, on the finished union-find."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    node_of = {id(c): keys.name_node(c.subject) for c in people.title_claims}
    node_of.update({id(c): _plain_primary(c.value) for c in people.name_claims})
    for claim in [*people.name_claims, *people.title_claims]:
        by_doc[claim.doc].append(claim)
    refs = {}
    for doc, doc_claims in by_doc.items():
        bare = sorted({node_of[id(c)] for c in doc_claims if not person_groups._is_full(node_of[id(c)])})
        full: dict[tuple[str, str], set[str]] = defaultdict(set)
        named = {n for c in doc_claims if c.kind is ClaimKind.NAME for n in _plain_written(c.value)}
        for node in sorted(named):
            if person_groups._is_full(node):
                full[(node[0], person_groups._surname(node))].add(people.find(node))
        for node in bare:
            roots = full.get((node[0], node[2:]), set())
            if len(roots) == 1:
                refs[(doc, node)] = next(iter(roots))
    return refs


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LATIN), st.sampled_from(CJK))
def test_value_nodes_as_plain(latin: str, cjk: str) -> None:
    """References: `_plain_primary` and `_plain_written`, each name node worked out afresh."""
    value = NameValue(latin, cjk)
    assert person_groups._value_nodes(latin, cjk) == (_plain_primary(value), tuple(_plain_written(value)))


@settings(max_examples=300, deadline=None)
@given(name_and_title_claims())
def test_people_as_plain(claims: tuple[list[Claim], list[Claim]]) -> None:
    """References: `_plain_doc_refs`, the former `_resolve_surnames`, and each claim's root found
    afresh through `people.find` (with `_plain_primary` for names)."""
    names, titles = claims
    people = person_groups.People.build(names, titles)
    assert people.name_claims == [c for c in names if _plain_primary(c.value)]
    assert people.title_claims == [c for c in titles if keys.name_node(c.subject)]
    assert people.doc_refs == _plain_doc_refs(people)
    name_roots, title_roots = people.claim_roots()
    for claim, root in zip(people.name_claims, name_roots):
        node = _plain_primary(claim.value)
        assert root == (people.doc_refs.get((claim.doc, node)) or people.find(node))
    for claim, root in zip(people.title_claims, title_roots):
        node = keys.name_node(claim.subject)
        assert root == (people.doc_refs.get((claim.doc, node)) or people.find(node))
    for doc in DOCS:
        for name in LATIN + CJK:
            node = keys.name_node(name)
            plain = "" if not node or node not in people.parent else (people.doc_refs.get((doc, node)) or people.find(node))
            assert people.person_of(doc, name) == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DOCS), max_size=8))
def test_spans_documents_as_plain(docs: list[str]) -> None:
    """Reference: the number of distinct documents of the claims, at least two."""
    claims = [Claim(ClaimKind.NAME, doc, 1, "s", "r", 0, "", "name", NameValue("A B")) for doc in docs]
    assert align._spans_documents(claims) == (len({c.doc for c in claims}) >= 2)
