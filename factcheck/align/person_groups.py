"""People across documents and scripts, and their name and title groups.

People are resolved by union-find over name nodes `L:<folded latin>` and `C:<folded cjk>`:
- identical folded Latin names share one node; a claim giving both scripts links its two nodes;
- Latin spelling variants link through rapidfuzz within blocks of (token count, given name,
  middle names, surname initial) when the surname is long (>= 5 letters), ratio >= 85 and
  Levenshtein <= 2 (`Jakub Patchocki` ~ `Jakub Pachocki`, `Sam Altman` ~ `Sam Altmann`; never
  `Jim Steyer` ~ `Tom Steyer`, `Mark Chen` ~ `Mark Chan`, `John Baker` ~ `John Parker`);
- a bare surname (`Altman`, `奥特曼`) joins the one full name of the same document ending in it;
- names paired with one CJK name join when their spellings are compatible (one edit per given
  name, two in the surname: `Jakub Pachocky`, `Mark Chan`), never `Jim`/`Tom Steyer`;
- every union is guarded: two components merge only if all their full Latin names are compatible,
  so a wrong pairing or a chain of typos can never join two people.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from operator import attrgetter
from typing import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .keys import fold_cjk, fold_subject, name_node
from ..model import Claim, ClaimGroup, ClaimKind, NameValue, TitleValue
from .spelling import SURNAME_MIN_LETTERS, SURNAME_MIN_RATIO, compatible_spellings, same_person_spelling


def _is_full(node: str) -> bool:
    """A full name (given + surname) rather than a bare surname."""
    return (" " in node) if node.startswith("L:") else ("·" in node)


def _surname(node: str) -> str:
    body = node[2:]
    return body.rsplit(" ", 1)[-1] if node.startswith("L:") else body.rsplit("·", 1)[-1]


_latin_and_cjk: Callable[[Claim], tuple[str, str]] = attrgetter("value.latin", "value.cjk")  # of a name claim


class People:
    """Person identity across documents: nodes, guarded unions, per-document surname refs."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.full_latin: dict[str, list[str]] = {}  # root -> folded full Latin names
        self.uses: Counter[str] = Counter()  # folded full Latin name -> documents writing it
        self.doc_refs: dict[tuple[str, str], str] = {}  # (doc, node) -> resolved node
        self.name_claims: list[Claim] = []
        self.title_claims: list[Claim] = []
        # parallel to name_claims / title_claims: each claim's node, and a name claim's nodes in both scripts
        self.name_nodes: list[str] = []
        self.written_nodes: list[tuple[str, ...]] = []
        self.title_nodes: list[str] = []
        self.root_of: dict[str, str] = {}  # node -> its person root, once the unions are final
        self._roots: tuple[list[str], list[str]] | None = None
        self._display: dict[str, str] | None = None

    @classmethod
    def build(cls, names: Sequence[Claim], titles: Sequence[Claim], exclusive: frozenset[str] = frozenset()) -> "People":
        """From the name and title claims, each in claim order; `exclusive` roles (one holder at
        a time: ceo, vp...) let two given names of one surname be one person."""
        people = cls()
        for claim in names:
            value = claim.value
            if isinstance(value, NameValue):
                primary, written = _value_nodes(value.latin, value.cjk)
                if primary:
                    people.name_claims.append(claim)
                    people.name_nodes.append(primary)
                    people.written_nodes.append(written)
        for claim in titles:
            node = name_node(claim.subject)
            if node:
                people.title_claims.append(claim)
                people.title_nodes.append(node)
        written_by: dict[str, set[str]] = defaultdict(set)
        for claim, nodes in zip(people.name_claims, people.written_nodes):
            for node in nodes:
                if node.startswith("L:") and _is_full(node):
                    written_by[node[2:]].add(claim.doc)
        people.uses = Counter({name: len(docs) for name, docs in written_by.items()})
        people._add_nodes()
        people._link_pairings()
        people._link_latin_variants()
        people._link_given_name_variants(exclusive)
        people._resolve_surnames()
        people.root_of = {node: people.find(node) for node in people.parent}
        return people

    # -- union-find

    def _add(self, node: str) -> None:
        if node and node not in self.parent:
            self.parent[node] = node
            self.full_latin[node] = [node[2:]] if node.startswith("L:") and _is_full(node) else []

    def find(self, node: str) -> str:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression keeps long chains cheap
            self.parent[node], node = root, self.parent[node]
        return root

    def _union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        names_a, names_b = self.full_latin[ra], self.full_latin[rb]
        if not (all(compatible_spellings(x, y) for x in names_a for y in names_b)
                or self._stray_spelling(names_a, names_b) or self._stray_spelling(names_b, names_a)):
            return False  # a link must never chain two clearly different people together
        self._merge(ra, rb)
        return True

    def _merge(self, ra: str, rb: str) -> None:
        root, child = (ra, rb) if ra < rb else (rb, ra)  # smaller id wins: order-independent
        self.parent[child] = root
        self.full_latin[root] = sorted({*self.full_latin[ra], *self.full_latin[rb]})
        del self.full_latin[child]

    def _stray_spelling(self, lone: list[str], names: list[str]) -> bool:
        """One rarer spelling close to a person's most used one may join them, however far it is
        from their other typos (Sanndoval and Sandoavl are both Sandoval's, not each other's)."""
        if len(lone) != 1 or not names:
            return False
        usual = max(names, key=lambda n: (self.uses[n], n))
        return self.uses[lone[0]] < self.uses[usual] and compatible_spellings(lone[0], usual)

    # -- linking passes

    def _add_nodes(self) -> None:
        # a primary node is one of the written nodes; each distinct node is added once
        for node in sorted({n for written in self.written_nodes for n in written}.union(self.title_nodes)):
            self._add(node)

    def _link_pairings(self) -> None:
        """CJK<->Latin pairs, best supported first, so a stray pairing loses to a common one."""
        support: Counter[tuple[str, str]] = Counter(nodes for nodes in self.written_nodes if len(nodes) == 2)
        for (latin, cjk), count in list(support.items()):
            if not _is_full(latin) and _is_full(cjk):  # a bare Latin surname is no identity
                del support[(latin, cjk)]
        for (latin, cjk), _ in sorted(support.items(), key=lambda item: (-item[1], item[0])):
            self._union(latin, cjk)  # the union guard is exactly the paired-spelling test

    def _link_latin_variants(self) -> None:
        blocks: dict[tuple, list[str]] = defaultdict(list)
        for node in sorted(self.parent):
            if node.startswith("L:") and _is_full(node):
                tokens = node[2:].split()
                surname = tokens[-1]
                if len(surname) >= SURNAME_MIN_LETTERS:
                    blocks[(len(tokens), *tokens[:-1], surname[0])].append(node)
        for members in blocks.values():
            if len(members) < 2:
                continue
            surnames = [_surname(m) for m in members]
            scores = process.cdist(surnames, surnames, scorer=fuzz.ratio, score_cutoff=SURNAME_MIN_RATIO, dtype=np.uint8)
            for i, j in zip(*np.nonzero(np.triu(scores, k=1))):
                a, b = members[int(i)], members[int(j)]
                if same_person_spelling(a[2:], b[2:], paired=False):
                    self._union(a, b)

    def _link_given_name_variants(self, exclusive: frozenset[str]) -> None:
        """Two full Latin names, the same long surname, different given names (Maria/Marta Lindqvist),
        both given the same current exclusive role at no two different organisations, and no
        third person of that surname: one person whose given name the sources dispute."""
        roles: dict[str, set[tuple[str, str]]] = defaultdict(set)  # root -> {(role, org)}
        for claim, node in zip(self.title_claims, self.title_nodes):
            value = claim.value
            if isinstance(value, TitleValue) and not value.past and value.role.casefold() in exclusive:
                roles[self.find(node)].add((value.role.casefold(), fold_subject(value.org)))
        by_surname: dict[str, set[str]] = defaultdict(set)
        for root in sorted(self.full_latin):
            for name in self.full_latin[root]:
                surname = name.split()[-1]
                if len(surname) >= SURNAME_MIN_LETTERS:
                    by_surname[surname].add(root)
        for surname, roots in sorted(by_surname.items()):
            if len(roots) != 2:
                continue
            a, b = sorted(roots)
            shared = [(ra, oa, ob) for ra, oa in roles[a] for rb, ob in roles[b] if ra == rb and (not oa or not ob or oa == ob)]
            if shared:
                self._force_union(a, b)

    def _force_union(self, a: str, b: str) -> None:
        """A union the spelling guard would refuse, made on other evidence (a shared role)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._merge(ra, rb)

    def _resolve_surnames(self) -> None:
        """A bare surname joins the one full name in its document that ends with it."""
        claimed: dict[str, set[str]] = defaultdict(set)  # doc -> nodes naming its claims
        written: dict[str, set[str]] = defaultdict(set)  # doc -> nodes of its name claims, both scripts
        for claim, node, nodes in zip(self.name_claims, self.name_nodes, self.written_nodes):
            claimed[claim.doc].add(node)
            written[claim.doc].update(nodes)
        for claim, node in zip(self.title_claims, self.title_nodes):
            claimed[claim.doc].add(node)
        for doc, nodes in claimed.items():
            bare = sorted(node for node in nodes if not _is_full(node))
            if not bare:
                continue
            full: dict[tuple[str, str], set[str]] = defaultdict(set)  # (script, surname) -> roots
            for node in written[doc]:
                if _is_full(node):
                    full[(node[0], _surname(node))].add(self.find(node))
            for node in bare:
                roots = full.get((node[0], node[2:]), set())
                if len(roots) == 1:
                    self.doc_refs[(doc, node)] = next(iter(roots))

    # -- lookups

    def person_of(self, doc: str, name: str) -> str:
        """The person root a name in `doc` resolves to, or "" if it names no known person."""
        node = name_node(name)
        if not node or node not in self.root_of:
            return ""
        return self.doc_refs.get((doc, node)) or self.root_of[node]

    def claim_roots(self) -> tuple[list[str], list[str]]:
        """The person root of each name claim and of each title claim (the unions are final by now)."""
        if self._roots is None:
            root_of, refs = self.root_of, self.doc_refs

            def roots(claims: list[Claim], nodes: list[str]) -> list[str]:
                return [refs.get((c.doc, node)) or root_of[node] for c, node in zip(claims, nodes)]

            self._roots = (roots(self.name_claims, self.name_nodes), roots(self.title_claims, self.title_nodes))
        return self._roots

    def display_names(self) -> dict[str, str]:
        """root -> display name: the most frequent full Latin form, else Latin, else CJK."""
        if self._display is None:
            self._display = self._compute_display_names()
        return self._display

    def _compute_display_names(self) -> dict[str, str]:
        forms: dict[str, Counter[tuple[int, str]]] = defaultdict(Counter)
        name_roots, title_roots = self.claim_roots()
        # most names recur in many documents: fold each distinct (person, name) once
        written = Counter(zip(name_roots, map(_latin_and_cjk, self.name_claims)))
        for (root, (latin, cjk)), count in written.items():  # order-free: _most_frequent takes a minimum
            latin = " ".join(latin.split())
            if latin:
                forms[root][(0 if " " in latin else 1, latin)] += count
            if cjk:
                forms[root][(2, fold_cjk(cjk))] += count
        for root, claim in zip(title_roots, self.title_claims):
            forms[root][(3, claim.subject)] += 1
        return {root: _most_frequent(counter) for root, counter in forms.items()}

    def groups(self) -> list[ClaimGroup]:
        names: dict[str, list[Claim]] = defaultdict(list)
        titles: dict[str, list[Claim]] = defaultdict(list)
        name_roots, title_roots = self.claim_roots()
        for root, claim in zip(name_roots, self.name_claims):
            names[root].append(claim)
        for root, claim in zip(title_roots, self.title_claims):
            titles[root].append(claim)
        display = self.display_names()
        out = []
        for root in sorted(set(names) | set(titles)):
            key = self.stable_key(root)
            if names.get(root):
                reason = f"same person {display[root]}: spellings a typo apart, or paired with one Chinese name"
                out.append(ClaimGroup(ClaimKind.NAME, display[root], "name", tuple(names[root]), key, reason))
            if titles.get(root):
                reason = f"same person {display[root]}, current titles (former ones set aside)"
                out.append(ClaimGroup(ClaimKind.TITLE, display[root], "title", tuple(titles[root]), key, reason))
        return out

    def stable_key(self, root: str) -> str:
        """A person's identity for fingerprints: the first full Latin spelling, else the root node
        (a new document's Chinese spelling never changes it)."""
        latin = self.full_latin.get(root) or []
        return f"L:{min(latin)}" if latin else root


@lru_cache(maxsize=65536)  # the same names recur across a corpus
def _value_nodes(latin: str, cjk: str) -> tuple[str, tuple[str, ...]]:
    """A name's primary node (full Latin > CJK > bare Latin: the most specific form names the claim)
    and its written nodes (Latin, CJK; each when present)."""
    latin_node = name_node(latin) if latin else ""
    cjk_node = name_node(cjk) if cjk else ""
    written = tuple(n for n in (latin_node, cjk_node) if n)
    if latin_node and _is_full(latin_node):
        return latin_node, written
    return cjk_node or latin_node, written


def _most_frequent(counter: Counter[tuple[int, str]]) -> str:
    """Best tier first, then most frequent, then alphabetical."""
    best_tier = min(tier for tier, _ in counter)
    candidates = [(-count, form) for (tier, form), count in counter.items() if tier == best_tier]
    return min(candidates)[1]
