"""What the HTML evidence page shows, as plain values: summary, finding cards, documents, text-quality notes.

Nothing here is markup: the template (templates/report.html.j2) lays these values out and escapes
every one of them. Document text is kept as text; a URL is kept only when it is http or https.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Sequence

from ..model import Claim, DocumentStatus, Evidence, Finding, RunResult
from .display import finding_status, own_words, subject_candidates

SEVERITIES = ("error", "warning", "info")
STATUSES = ("new", "known", "suppressed")
QUALITY = "quality"

_EXPONENT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?e[+-]?\d+(?![\w.])")
# Only an absolute http(s) URL without spaces or controls is linked: the scheme is written out,
# so no javascript:, data: or scheme hidden behind whitespace can reach an href.
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\"'<>`\\]+", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    """One document's statement on a side: where, who, and the sentence cut around the value."""

    doc: str
    line: int
    outlet: str
    url: str  # safe to link, or ""
    published: str
    before: str
    mark: str  # the value as it stands in the sentence ("" when it could not be located)
    after: str
    raw: str
    normalised: str


@dataclass(frozen=True)
class SideView:
    value: str
    sources: int
    majority: bool
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Card:
    """One disputed fact (or anachronism): what it is about in the documents' words, and its sides."""

    id: str
    rule: str
    kind: str
    severity: str
    status: str
    status_reason: str
    subject: str  # in the documents' own words
    subject_key: str  # the normalised subject the claims were aligned on
    attribute: str
    attribute_key: str
    reason: str
    sides: tuple[SideView, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class DocClaim:
    """A claim in the per-document view, with how it stands against the other documents."""

    line: int
    kind: str
    about: str
    before: str
    mark: str
    after: str
    normalised: str
    standing: str  # "disputed", "agrees" or "uncontested"
    detail: str
    finding: str  # id of the finding disputing it, "" if none


@dataclass(frozen=True)
class DocView:
    path: str
    status: str
    reason: str
    outlet: str
    url: str
    published: str
    published_from: str
    encoding: str
    claims: tuple[DocClaim, ...]


@dataclass(frozen=True)
class Note:
    """A text-quality finding: one place in one document."""

    id: str
    rule: str
    severity: str
    status: str
    doc: str
    line: int
    message: str
    found: str


@dataclass(frozen=True)
class Page:
    checked: int
    skipped: tuple[DocumentStatus, ...]
    table: tuple[tuple[str, tuple[int, ...], int], ...]  # kind, count per severity, total
    totals: tuple[int, ...]
    statuses: tuple[tuple[str, int], ...]
    cards: tuple[Card, ...]
    kinds: tuple[str, ...]
    outlets: tuple[str, ...]
    documents: tuple[DocView, ...]
    notes: tuple[Note, ...]
    run_notes: tuple[str, ...]


def page(result: RunResult) -> Page:
    """Everything the page shows, in the order the findings came (most severe first)."""
    by_path = {d.path: d for d in result.documents}
    disputes = [f for f in result.findings if f.kind != QUALITY]
    cards = tuple(card(result, f, by_path) for f in disputes)
    kinds = sorted({c.kind for c in cards})
    counts = Counter((c.kind, c.severity) for c in cards)
    table = tuple((k, tuple(counts[k, s] for s in SEVERITIES), sum(counts[k, s] for s in SEVERITIES)) for k in kinds)
    statuses = Counter(c.status for c in cards)
    return Page(
        checked=sum(d.status == "checked" for d in result.documents),
        skipped=tuple(d for d in result.documents if d.status != "checked"),
        table=table,
        totals=tuple(sum(counts[k, s] for k in kinds) for s in SEVERITIES),
        statuses=tuple((s, statuses[s]) for s in STATUSES if statuses[s]),
        cards=cards,
        kinds=tuple(kinds),
        outlets=tuple(sorted({o for c in cards for o in c.outlets})),
        documents=document_views(result, disputes, by_path),
        notes=tuple(note(result, f) for f in result.findings if f.kind == QUALITY),
        run_notes=result.notes,
    )


def card(result: RunResult, finding: Finding, by_path: dict[str, DocumentStatus]) -> Card:
    status, why = finding_status(result, finding.id)
    sentences = [e.text for e in finding.evidence]
    subject_words = own_words(subject_candidates(finding, result.lexicon), sentences)
    attribute = attribute_words(finding, result.lexicon, sentences)
    sides = tuple(
        SideView(plain_numbers(s.value), s.sources, s.majority, tuple(statement(e, by_path) for e in s.evidence))
        for s in finding.sides
    )
    return Card(
        id=finding.id, rule=finding.rule, kind=finding.kind, severity=finding.severity.value,
        status=status, status_reason=why,
        subject=subject_words or finding.subject, subject_key=finding.subject,
        attribute=attribute or readable_key(finding.kind, finding.attribute), attribute_key=finding.attribute,
        reason=finding.reason, sides=sides,
        outlets=tuple(sorted({e.outlet or _outlet(by_path, e.doc) for e in finding.evidence} - {""})),
    )


def statement(evidence: Evidence, by_path: dict[str, DocumentStatus]) -> Statement:
    status = by_path.get(evidence.doc)
    before, mark, after = cut(evidence.text, evidence.raw, evidence.start)
    return Statement(
        doc=evidence.doc, line=evidence.line, outlet=evidence.outlet or _outlet(by_path, evidence.doc),
        url=safe_url(status.url) if status else "", published=status.published if status else "",
        before=before, mark=mark, after=after, raw=evidence.raw, normalised=plain_numbers(evidence.own_value),
    )


def note(result: RunResult, finding: Finding) -> Note:
    first = finding.evidence[0] if finding.evidence else Evidence(finding.subject, 0, "", "", "")
    return Note(
        id=finding.id, rule=finding.rule, severity=finding.severity.value,
        status=finding_status(result, finding.id)[0], doc=first.doc, line=first.line,
        message=finding.message, found=first.raw,
    )


def document_views(
    result: RunResult, disputes: Sequence[Finding], by_path: dict[str, DocumentStatus],
) -> tuple[DocView, ...]:
    """Each document with its claims, each claim disputed, agreeing with another document, or uncontested."""
    standing = Standing(result.claims, disputes)
    claims_of: dict[str, list[Claim]] = defaultdict(list)
    for claim in result.claims:
        claims_of[claim.doc].append(claim)
    views = []
    for status in result.documents:
        rows = tuple(standing.row(c) for c in sorted(claims_of.get(status.path, ()), key=lambda c: c.order))
        views.append(DocView(
            path=status.path, status=status.status, reason=status.reason, outlet=status.outlet,
            url=safe_url(status.url), published=status.published, published_from=status.published_from,
            encoding=status.encoding, claims=rows,
        ))
    return tuple(views)


class Standing:
    """Where one claim stands: in a dispute (found by its statement, or by its fact and document),
    stated alike by other documents, or by this document alone. Built once, linear in the claims."""

    def __init__(self, claims: Sequence[Claim], disputes: Sequence[Finding]) -> None:
        self.stated: dict[tuple[str, int, str], Finding] = {}
        self.fact: dict[tuple[str, str, str, str], Finding] = {}
        for finding in disputes:
            for evidence in finding.evidence:
                self.stated.setdefault((evidence.doc, evidence.line, evidence.raw), finding)
                for subject in {finding.subject, finding.key} - {""}:
                    self.fact.setdefault((finding.kind, subject, finding.attribute, evidence.doc), finding)
        self.alike: dict[tuple, set[str]] = defaultdict(set)
        for claim in claims:
            self.alike[claim.kind.value, claim.subject, claim.attribute, claim.rendered].add(claim.doc)

    def row(self, claim: Claim) -> DocClaim:
        kind = claim.kind.value
        finding = self.stated.get((claim.doc, claim.line, claim.raw)) or self.fact.get(
            (kind, claim.subject, claim.attribute, claim.doc))
        if finding is not None:
            standing, detail = "disputed", _side_named(finding, claim)
        else:
            alike = self.alike[kind, claim.subject, claim.attribute, claim.rendered]
            others = len(alike) - (claim.doc in alike)  # not a copy less one: a name may be in thousands
            standing = "agrees" if others else "uncontested"
            detail = (f"the same value in {others} other document{'s' if others > 1 else ''}" if others
                      else "no other document states it")
        before, mark, after = cut(claim.sentence, claim.raw, claim.start)
        about = " · ".join(p for p in (claim.subject, readable_key(kind, claim.attribute)) if p)
        return DocClaim(claim.line, kind, about, before, mark, after, plain_numbers(claim.rendered),
                        standing, detail, finding.id if finding else "")


def _side_named(finding: Finding, claim: Claim) -> str:
    for side in finding.sides:
        if claim.rendered == side.value or any(claim.rendered == e.own_value for e in side.evidence):
            role = "the side most sources support" if side.majority else "a side most sources do not support"
            return f"on {role} ({plain_numbers(side.value)})"
    return "its fact is disputed"


# ----------------------------------------------------------------------------- words and values


def cut(sentence: str, raw: str, start: int) -> tuple[str, str, str]:
    """The sentence split around the value as written: at its recorded offset, else where it is found."""
    if not raw:
        return sentence, "", ""
    if not (0 <= start and sentence[start:start + len(raw)] == raw):
        start = sentence.find(raw)
    if start < 0:
        return sentence, "", ""
    return sentence[:start], raw, sentence[start + len(raw):]


def safe_url(url: str) -> str:
    """The URL when it is an absolute http or https address, else "" (shown as text, never linked)."""
    url = url.strip()
    return url if _SAFE_URL.fullmatch(url) else ""


def plain_numbers(text: str) -> str:
    """Numbers written out in full (8e+08 -> 800,000,000): no value on the page reads as exponent notation."""
    return _EXPONENT.sub(_written_out, text)


def _written_out(match: re.Match[str]) -> str:
    try:
        number = Decimal(match.group(0))
    except InvalidOperation:
        return match.group(0)
    text = format(number, ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def readable_key(kind: str, attribute: str) -> str:
    """A canonical attribute key as words: occur -> date, weekly:active-users -> weekly active users."""
    if kind in ("date", "anachronism") and attribute in ("occur", ""):
        return "date"
    return attribute.replace(":", " ").replace("-", " ")


def attribute_words(finding: Finding, lexicon: dict, sentences: Sequence[str]) -> str:
    """A metric or an event's phase as the sentences name it (每週 活躍用戶, 結束); "" when none do."""
    if finding.kind == "date":
        return own_words(lexicon.get("event_phases", {}).get(finding.attribute, []), sentences)
    if finding.kind != "amount":
        return ""
    scope, _, metric = finding.attribute.rpartition(":")
    metric_words = own_words(lexicon.get("metrics", {}).get(metric, []), sentences)
    if not metric_words or not scope:
        return metric_words
    scope_words = own_words(lexicon.get("metric_scopes", {}).get(scope, []), sentences) or scope
    return f"{scope_words} {metric_words}"


def _outlet(by_path: dict[str, DocumentStatus], doc: str) -> str:
    status = by_path.get(doc)
    return status.outlet if status else ""
