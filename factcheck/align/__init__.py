"""Stage 5, align: group claims about the same subject and attribute across documents and scripts.

People are resolved first (union-find over name nodes `L:<folded latin>` and `C:<folded cjk>`):
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
Dates group by (canonical subject, phase); canonical subjects fold case, spaces and hyphens, map
person names to their person, and merge near-identical anchors (ratio >= 90, same digits) found
through rare-bigram blocks; dates anchored on an organisation, or on a non-event anchor with the
generic phase `occur`, are not grouped (see `datable`). Amounts group by (entity, metric, unit
dimension). Only groups with claims from two or more documents are returned.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from operator import attrgetter
from typing import Callable, Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..config import Config
from ..model import AmountValue, Claim, ClaimGroup, ClaimKind, NameValue, TitleValue
from ..normalise import normalise_text
from .sameness import FactLexicon, attribution, background, page_timestamp, person_organisations, split_by
from ..extract.terms import find_terms

SURNAME_MIN_LETTERS = 5  # shorter surnames (Chen/Chan, Li/Lee) are different names, not typos
SURNAME_MIN_RATIO = 85.0  # one substitution in a 9-letter surname (Federighi/Federeghi) is 88.9
SURNAME_MAX_EDITS = 2
SUBJECT_MIN_RATIO = 90.0  # date anchors: only near-identical spellings merge
SUBJECT_PREFIX_GRAMS = 3  # rarest bigrams per anchor used as blocking keys
BLOCK_CAP = 256  # a blocking key shared by more anchors than this carries no information

# Letters NFKD does not split into base + mark (Łukasz, Søren, Đoković, Straße)
_UNDECOMPOSABLE = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                 "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})
_CJK_SEPARATORS = str.maketrans({c: "·" for c in "・•‧･∙⋅●．"})
_SUBJECT_NOISE = re.compile(r"[\s\-_·・•‧･'\"“”‘’「」『』《》〈〉()（）\[\]【】]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)*")
_KIND_ORDER = {ClaimKind.NAME: 0, ClaimKind.TITLE: 1, ClaimKind.DATE: 2, ClaimKind.AMOUNT: 3}


def align(
    claims: Sequence[Claim], config: Config, published: Mapping[str, dt.date | None] | None = None,
) -> tuple[ClaimGroup, ...]:
    """Groups of claims judged to be about one fact, in stable order. `published` gives each
    document's publication date (a recurring event's old dates are background there)."""
    published = published or {}
    of_kind: dict[ClaimKind, list[Claim]] = {kind: [] for kind in ClaimKind}
    for claim in sorted(claims, key=claim_order):
        of_kind[claim.kind].append(claim)
    exclusive = frozenset(r.casefold() for r in config.lex("title_rules")["exclusive"])
    people = _People.build(of_kind[ClaimKind.NAME], of_kind[ClaimKind.TITLE], exclusive)
    organisations, events = lexicon_keys(config, "entities"), lexicon_keys(config, "events")
    facts = FactLexicon.of(config, fold_subject)
    dates = [
        c for c in of_kind[ClaimKind.DATE]
        if datable(c, organisations, events)
        and not background(c, published.get(c.doc), facts, fold_subject)
        and not page_timestamp(c, published.get(c.doc))
    ]
    context = _Context(people, facts, config)
    groups = [
        *people.groups(),
        *_date_groups(dates, context),
        *_amount_groups(of_kind[ClaimKind.AMOUNT], context),
    ]
    kept = [g for g in groups if _spans_documents(g.claims)]
    kept.sort(key=lambda g: (_KIND_ORDER[g.kind], g.subject, g.attribute, claim_order(g.claims[0])))
    return tuple(kept)


# The sort key of the total order on claims (Claim.order), so results never depend on input order;
# an attrgetter, as every stage sorts by it hundreds of thousands of times.
claim_order: Callable[[Claim], tuple] = attrgetter("order")


def lexicon_keys(config: Config, section: str) -> frozenset[str]:
    """Folded canonical keys of an alias lexicon (`entities`, `events`), built once per rule set."""

    def build(config: Config) -> frozenset[str]:
        keys = (fold_subject(normalise_text(key, config)) for key in config.lex(section))
        return frozenset(k for k in keys if k)

    return config.derived(f"align.keys.{section}", build)


def datable(claim: Claim, organisations: frozenset[str], events: frozenset[str]) -> bool:
    """Whether a date claim names one happening precisely enough to be compared.

    An organisation is no event: a date anchored only on one (`openai`, the extractors' key for
    OpenAI, ChatGPT, Sora...) is about any of its many happenings. Likewise a person or product
    with no telling verb (phase `occur`): "Altman 2025年1月表示" and "Altman 今年夏天簽署" are two
    happenings. Such dates are listed but not grouped; a lexicon event, or an anchor with a
    specific phase (release, leave, join, end, announce), is.
    """
    subject = fold_subject(claim.subject)
    if not subject or subject in organisations:
        return False
    return claim.attribute != "occur" or subject in events


def _spans_documents(claims: Sequence[Claim]) -> bool:
    """Whether the claims come from two or more documents (stops at the first other one)."""
    first = claims[0].doc if claims else ""
    return any(c.doc != first for c in claims)


# ------------------------------------------------------------------------- folding


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


def _is_full(node: str) -> bool:
    """A full name (given + surname) rather than a bare surname."""
    return (" " in node) if node.startswith("L:") else ("·" in node)


def _surname(node: str) -> str:
    body = node[2:]
    return body.rsplit(" ", 1)[-1] if node.startswith("L:") else body.rsplit("·", 1)[-1]


_latin_and_cjk: Callable[[Claim], tuple[str, str]] = attrgetter("value.latin", "value.cjk")  # of a name claim

# ------------------------------------------------------------------ name matching


def _close(a: str, b: str, max_edits: int) -> bool:
    return a == b or (a[:1] == b[:1] and Levenshtein.distance(a, b, score_cutoff=max_edits) <= max_edits)


def _surname_variant(a: str, b: str) -> bool:
    """Typo-level difference in a long surname: Pachocki/Patchocki, Altman/Altmann, Federighi/
    Federeghi; never a surname grown by a suffix (Williams/Williamson: two letters longer)."""
    if a == b:
        return True
    return (
        a[:1] == b[:1]
        and min(len(a), len(b)) >= SURNAME_MIN_LETTERS
        and abs(len(a) - len(b)) <= 1
        and fuzz.ratio(a, b) >= SURNAME_MIN_RATIO
        and Levenshtein.distance(a, b) <= SURNAME_MAX_EDITS
    )


def same_person_spelling(a: str, b: str, paired: bool) -> bool:
    """Is there enough evidence that two folded full Latin names spell one person's name?

    Without other evidence only the surname may vary (typo-level, long surname). When both are
    paired with one CJK name (`paired`), any compatible spelling will do (Jakob/Jakub, Chen/Chan).
    """
    if a == b:
        return True
    if paired:
        return compatible_spellings(a, b)
    ta, tb = a.split(), b.split()
    return len(ta) == len(tb) >= 2 and ta[:-1] == tb[:-1] and _surname_variant(ta[-1], tb[-1])


def compatible_spellings(a: str, b: str) -> bool:
    """Could two folded full Latin names be one person? False when they clearly are not:
    another word count, another given name (Jim/Tom Steyer), another surname initial (Baker/Parker)
    or a surname more than two edits away.
    """
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    return all(_close(x, y, 1) for x, y in zip(ta[:-1], tb[:-1])) and _close(ta[-1], tb[-1], SURNAME_MAX_EDITS)


# ------------------------------------------------------------------------- people


class _People:
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
    def build(cls, names: Sequence[Claim], titles: Sequence[Claim], exclusive: frozenset[str] = frozenset()) -> "_People":
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


# ------------------------------------------------------------------- same fact


class _Context:
    """What claims name besides their subject: owners, counterparties, sources (see sameness)."""

    def __init__(self, people: _People, facts: FactLexicon, config: Config) -> None:
        self.people, self.facts, self.config = people, facts, config
        _, title_roots = people.claim_roots()
        self.org_of_person = person_organisations(people.title_claims, title_roots, facts, fold_subject)

    def organisations(self, claim: Claim, leave_out: str = "") -> frozenset[str]:
        """Organisations the claim's clause names, people standing for their organisations."""
        found = set()
        for term in claim.terms:
            folded = fold_subject(term)
            if folded in self.facts.organisations:
                found.add(folded)
            else:
                person = self.people.person_of(claim.doc, term)
                if person in self.org_of_person:
                    found.add(self.org_of_person[person])
        found.discard(leave_out)
        return frozenset(found)

    def sentence_organisations(self, claim: Claim, leave_out: str = "") -> frozenset[str]:
        """Organisations the claim's whole sentence names: a deal's parties."""
        found = _sentence_entities(normalise_text(claim.sentence, self.config), self.config)
        return frozenset(org for org in found if org != leave_out) | self.organisations(claim, leave_out)

    def sources(self, claim: Claim) -> frozenset[str]:
        return attribution(normalise_text(claim.sentence, self.config))


def _sentence_entities(norm_sentence: str, config: Config) -> frozenset[str]:
    return frozenset(fold_subject(t.text) for t in find_terms(norm_sentence, config) if t.kind == "entity")


# -------------------------------------------------------------------------- dates


def _date_groups(claims: Sequence[Claim], context: _Context) -> list[ClaimGroup]:
    """By subject and phase, then by owner: Google's code red and OpenAI's are two events."""
    people = context.people
    keyed: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    display = people.display_names()
    shown: dict[str, str] = {}
    for claim in claims:
        if not claim.subject:
            continue
        person = people.person_of(claim.doc, claim.subject)
        key = f"P:{person}" if person else fold_subject(claim.subject)
        if key:
            keyed[(claim.attribute, key)].append(claim)
            if person:
                shown[key] = display.get(person, claim.subject)
    merged = _merge_similar_subjects(keyed)
    groups = []
    for (attribute, key), members in merged.items():
        subject = _display_subject(key, members, shown)
        for owner, facts in sorted(split_by(members, lambda c: context.organisations(c, key)).items()):
            reason = f"same event {subject}" + (f" of {owner}" if owner else "") + f", phase {attribute}"
            # the key leaves the owner out: removing the one document that names it must not move the id
            groups.append(ClaimGroup(ClaimKind.DATE, subject, attribute, tuple(sorted(facts, key=claim_order)), key, reason))
    return groups


def _display_subject(key: str, claims: Sequence[Claim], shown: dict[str, str]) -> str:
    """A person's display name, else the most frequent subject as written (ties alphabetical)."""
    if key in shown:
        return shown[key]
    counts = Counter(c.subject for c in claims)
    return min((-n, s) for s, n in counts.items())[1]


def _merge_similar_subjects(keyed: dict[tuple[str, str], list[Claim]]) -> dict[tuple[str, str], list[Claim]]:
    """Merge anchors of one phase whose folded spellings are near-identical (same digits)."""
    by_attribute: dict[str, list[str]] = defaultdict(list)
    for attribute, key in sorted(keyed):
        if not key.startswith("P:"):
            by_attribute[attribute].append(key)
    parent = {k: k for k in keyed}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for attribute, keys in by_attribute.items():
        for a, b in similar_pairs(keys, SUBJECT_MIN_RATIO, _same_digits):
            ra, rb = find((attribute, a)), find((attribute, b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    merged: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for key in sorted(keyed):
        merged[find(key)].extend(keyed[key])
    return merged


def _same_digits(a: str, b: str) -> bool:
    return _DIGITS.findall(a) == _DIGITS.findall(b)


def similar_pairs(keys: Sequence[str], min_ratio: float, guard: Callable[[str, str], bool]) -> list[tuple[str, str]]:
    """Pairs of distinct keys with fuzz.ratio >= min_ratio, found through rare-bigram blocks.

    Each key is indexed under its SUBJECT_PREFIX_GRAMS rarest bigrams (global frequency order),
    so near-identical keys meet in some block while common bigrams never make huge blocks.
    """
    grams = {k: _bigrams(k) for k in keys}
    frequency = Counter(g for k in keys for g in grams[k])
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        rare = sorted(grams[key], key=lambda g: (frequency[g], g))[:SUBJECT_PREFIX_GRAMS]
        for gram in rare:
            blocks[gram].append(key)
    pairs: set[tuple[str, str]] = set()
    for gram in sorted(blocks):
        members = blocks[gram]
        if len(members) < 2 or len(members) > BLOCK_CAP:
            continue
        scores = process.cdist(members, members, scorer=fuzz.ratio, score_cutoff=min_ratio, dtype=np.uint8)
        for i, j in zip(*np.nonzero(np.triu(scores, k=1))):
            a, b = sorted((members[int(i)], members[int(j)]))
            if a != b and guard(a, b):
                pairs.add((a, b))
    return sorted(pairs)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(max(1, len(text) - 1))}


# ------------------------------------------------------------------------ amounts


def _amount_groups(claims: Sequence[Claim], context: _Context) -> list[ClaimGroup]:
    """By owner, metric (a lexicon metric, periodicity aside), unit dimension and counterparties,
    then by the source the figure is credited to. Vague figures (数十亿), figures with no owner or
    no lexicon metric (a bare duration, a head noun) are no fact and stay out."""
    metrics = frozenset(context.config.lex("metrics")) - {"total"}
    deals = frozenset(context.config.lex("metric_rules")["deal_metrics"])
    keyed: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        metric = claim.attribute.rsplit(":", 1)[-1]
        value = claim.value
        if not claim.subject or metric not in metrics or not isinstance(value, AmountValue) or value.qualifier == "vague":
            continue
        person = context.people.person_of(claim.doc, claim.subject)
        entity = f"P:{person}" if person else fold_subject(claim.subject)
        others = (context.sentence_organisations if metric in deals else context.organisations)(claim, entity)
        keyed[(entity, metric, value.dimension, tuple(sorted(others)))].append(claim)
    groups = []
    for (entity, metric, dimension, others), members in sorted(keyed.items()):
        counts = Counter(c.subject for c in members)
        subject = min((-n, s) for s, n in counts.items())[1]
        for source, facts in sorted(split_by(members, context.sources).items()):
            reason = f"same {metric} of {subject}" + (f" with {', '.join(others)}" if others else "")
            reason += f", in {dimension}" + (f", as reported by {source}" if source else "")
            key = "|".join([entity, metric, dimension, *others])  # not the source unnamed figures join
            groups.append(ClaimGroup(ClaimKind.AMOUNT, subject, metric, tuple(facts), key, reason))
    return groups
