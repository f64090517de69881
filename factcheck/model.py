"""The typed values passed between pipeline stages: documents, claims, findings."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Generic, TypeVar, Union

T = TypeVar("T")


class computed_once(Generic[T]):
    """A cached property without functools.cached_property's lock (Python 3.11 takes an RLock on
    every first access: a third of the cost of rendering 130,000 claims). The value is stored in
    the instance's __dict__, which then answers every later access; our values are immutable and
    computing one twice in a race would give the same value."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


class Severity(str, Enum):
    """How bad a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANKS[self]

    def at_least(self, other: "Severity") -> bool:
        return self.rank >= other.rank


_SEVERITY_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# --------------------------------------------------------------------------- load


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself (header) or what we inferred from its text."""

    source: str = ""
    url: str = ""
    published: dt.date | None = None
    published_from: str = ""  # "header", "text" or "" when unknown
    published_line: int = 0  # original line the date was read from, 0 if none


@dataclass(frozen=True)
class Problem:
    """A defect met while reading or cleaning one document (becomes a quality finding)."""

    rule: str  # rule id, e.g. "pinyin-gloss", "mojibake", "decode-damage"
    line: int  # original line number, 1-based; 0 for the whole file
    raw: str  # the damaged text as found
    detail: str  # short human text, e.g. "295 pinyin glosses stripped"
    value: str = ""  # normalised value for fingerprints, e.g. a count or repaired text


def outlet_of(meta: Metadata) -> str:
    """The outlet a document names for itself: its source, else its URL's host (without www.)."""
    if meta.source.strip():
        return "".join(ch for ch in meta.source.strip() if ch.isprintable() or ch == " ")
    host = meta.url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0].lower()
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class RawDocument:
    """A decoded file: text with newlines folded to \\n, nothing removed yet."""

    path: str  # as the user will read it: relative posix path when possible
    text: str
    encoding: str
    sha256: str  # of the file's bytes
    body_start: int = 1  # first original line after the metadata header
    meta: Metadata = Metadata()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An input path that could not be checked, and why (one line, names no traceback)."""

    path: str
    reason: str
    rule: str = ""  # quality rule to report it under ("undecodable"), "" for no finding


# -------------------------------------------------------------------------- clean


@dataclass(frozen=True)
class Line:
    """One kept line: cleaned text, its original line number and original text."""

    number: int  # 1-based line number in the original file
    text: str  # cleaned text (glosses stripped, mojibake repaired), original script
    original: str  # the line exactly as in the file (after decoding)
    norm: str = ""  # filled by normalise: Simplified, ASCII-folded; same length as text


@dataclass(frozen=True)
class Document:
    """A cleaned (and later normalised) document: the kept lines with their origins."""

    path: str
    sha256: str
    encoding: str
    meta: Metadata
    lines: tuple[Line, ...]
    problems: tuple[Problem, ...] = ()
    dropped: int = 0  # number of original lines dropped as web debris


# -------------------------------------------------------------------------- claims


class ClaimKind(str, Enum):
    DATE = "date"
    AMOUNT = "amount"
    NAME = "name"
    TITLE = "title"


@dataclass(frozen=True)
class DateValue:
    """A date as a closed interval of days plus the precision it was written with."""

    start: dt.date | None  # None when unresolved (relative date, no publication date)
    end: dt.date | None
    precision: str  # day, week, month, part-of-month, season, year, range
    relative: bool = False  # written relative to the publication date
    written: str = ""  # canonical rendering of the expression, e.g. "2025-12", "去年"

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def render(self) -> str:
        """Normalised form: equal values render equally."""
        if not self.resolved:
            return f"unresolved:{self.written}"
        assert self.start and self.end
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True)
class AmountValue:
    """A quantity as the interval of values compatible with how it was written."""

    value: float  # the number as written, scaled to base units (1.4萬億 -> 1.4e12)
    unit: str  # canonical unit: USD, CNY, %, person, GW, week, year, ...
    dimension: str  # currency, percent, count, power, duration, ...
    qualifier: str = "exact"  # exact, approx, over, at-least, under, at-most, nearly, range, inverted (low > high)
    low: float | None = None  # interval of compatible values; None = unbounded
    high: float | None = None

    def render(self) -> str:
        """Normalised form: equal values render equally."""
        number = f"{self.value:.6g}"
        if self.qualifier in ("range", "inverted") and self.low is not None and self.high is not None:
            number = f"{self.low:.6g}-{self.high:.6g}"
        prefix = "" if self.qualifier in ("exact", "range") else f"{self.qualifier} "  # "inverted 4e+06-500 个"
        return f"{prefix}{number} {self.unit}"


@dataclass(frozen=True)
class NameValue:
    """A person's name as written, in either or both scripts."""

    latin: str = ""  # e.g. "Jakub Pachocki", as written (spacing folded)
    cjk: str = ""  # e.g. "雅各布·帕乔基", normalised to Simplified

    def render(self) -> str:
        return self.latin or self.cjk


@dataclass(frozen=True)
class TitleValue:
    """A title given to a person: its canonical role plus its domain/organisation."""

    title: str  # as written, normalised script, e.g. "产品副总裁"
    role: str  # canonical role from the title lexicon, e.g. "vp", "ceo", "head"
    domain: str = ""  # what the role is over, e.g. "产品", "应用业务"
    org: str = ""  # organisation named with the title, e.g. "OpenAI"
    past: bool = False  # marked as former (前, 曾, 時任...)

    def render(self) -> str:
        return self.title


ClaimValue = Union[DateValue, AmountValue, NameValue, TitleValue]


@dataclass(frozen=True)
class Claim:
    """One checkable statement read from one place in one document."""

    kind: ClaimKind
    doc: str  # document path
    line: int  # original line number, 1-based
    sentence: str  # the original sentence (cleaned, original script) holding the value
    raw: str  # the value exactly as written in `sentence`
    start: int  # offset of `raw` in `sentence`
    subject: str  # normalised thing it is about: event, entity+metric owner, person key
    attribute: str  # what about it: "occur"/"end" for events, a metric key, "name", "title"
    value: ClaimValue
    scope: str = ""  # time scope for metrics, rendered DateValue, "" when none stated
    terms: tuple[str, ...] = ()  # normalised key terms near the value, for alignment
    modality: str = ""  # "", "plan", "target", "estimate": not a reported fact

    @computed_once
    def rendered(self) -> str:
        return self.value.render()

    @computed_once
    def order(self) -> tuple:
        """Total order on claims, so results never depend on input order (computed once: every
        stage sorts by it)."""
        return (
            self.doc, self.line, self.start, self.kind, self.subject, self.attribute,
            self.raw, self.rendered, self.modality, self.scope,
        )


# --------------------------------------------------------------------------- align


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from (possibly) several documents judged to be about one subject+attribute."""

    kind: ClaimKind
    subject: str  # display subject, normalised script
    attribute: str
    claims: tuple[Claim, ...]
    key: str = ""  # stable identity of the subject (canonical event, entity or person key)
    reason: str = ""  # one line: why these claims were judged to be about one fact


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class Evidence:
    """One document's statement on a side of a finding: where it stands and what it says."""

    doc: str
    line: int
    raw: str  # value as written
    value: str  # the side's value this statement supports (equal on one side, so sides compare as strings)
    text: str  # the original sentence
    start: int = -1  # offset of raw in text, -1 if not located
    outlet: str = ""  # the publishing outlet (header source, else the URL's host), "" if unknown
    normalised: str = ""  # this statement's own normalised value ("" = the same as `value`)

    @classmethod
    def of(cls, claim: Claim, value: str | None = None, outlet: str = "") -> "Evidence":
        own = claim.rendered
        side_value = own if value is None else value
        return cls(claim.doc, claim.line, claim.raw, side_value, claim.sentence, claim.start, outlet,
                   "" if own == side_value else own)

    @property
    def own_value(self) -> str:
        return self.normalised or self.value


@dataclass(frozen=True)
class Side:
    """One position in a dispute: compatible values, the documents stating them, and their support."""

    value: str  # the side's normalised value: its most precise statement
    evidence: tuple[Evidence, ...]
    sources: int = 1  # independent sources (distinct outlets, else documents) stating it
    majority: bool = False  # stated by more independent sources than any other side

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({e.doc for e in self.evidence}))


def single_side(evidence: Evidence) -> tuple[Side, ...]:
    """The sides of a finding about one place (a text-quality problem, an anachronism)."""
    return (Side(evidence.value, (evidence,)),)


@dataclass(frozen=True)
class Finding:
    """A disputed fact (its sides, with the evidence of each) or a defect in one document."""

    rule: str
    kind: str  # date, amount, name, title, anachronism, quality
    severity: Severity
    subject: str
    attribute: str
    message: str
    sides: tuple[Side, ...]
    reason: str = ""  # one line: why the claims were judged one fact ("" for single-place findings)
    key: str = ""  # stable identity of the subject (the display subject may change with new documents)

    @computed_once
    def id(self) -> str:
        """Stable fingerprint: rule, subject, attribute and the disputed values; never line numbers.

        A dispute's id leaves its documents out, so a new document agreeing with a side keeps the id
        and one bringing a new value changes it; a single-place finding names its document."""
        values = sorted({e.value for e in self.evidence})
        docs = self.docs if len(self.sides) < 2 else ()
        key = "\x1f".join([self.rule, self.key or self.subject, self.attribute, *docs, "\x1e", *values])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @computed_once
    def evidence(self) -> tuple[Evidence, ...]:
        """Every statement of every side, side by side in order."""
        return tuple(e for side in self.sides for e in side.evidence)

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({e.doc for e in self.evidence}))

    def minority(self) -> tuple[Evidence, ...]:
        """The statements that disagree with the best-supported side (all of them when none leads)."""
        if any(side.majority for side in self.sides):
            return tuple(e for side in self.sides if not side.majority for e in side.evidence)
        return self.evidence

    def sort_key(self) -> tuple:
        evidence = self.evidence
        first = evidence[0] if evidence else Evidence("", 0, "", "", "")
        return (-self.severity.rank, self.kind, self.subject, self.rule, first.doc, first.line, self.id)


# ---------------------------------------------------------------------------- run


@dataclass(frozen=True)
class DocumentStatus:
    """How one input path ended: checked (with what we learnt) or skipped (with why)."""

    path: str
    status: str  # "checked" or "skipped"
    reason: str = ""
    encoding: str = ""
    published: str = ""  # ISO date or ""
    published_from: str = ""
    claims: int = 0
    outlet: str = ""  # the document's outlet (header source, else its URL's host), "" if unknown
    url: str = ""  # the header's URL as written, "" if none (reporters decide what is safe to link)


@dataclass(frozen=True)
class Corpus:
    """Everything the checks may look at: documents, their claims and the aligned groups."""

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]
    claims: tuple[Claim, ...]
    groups: tuple[ClaimGroup, ...] = ()
    lexicon: dict = field(default_factory=dict)  # Config.lexicon, for checks that read lexicons

    def document(self, path: str) -> Document | None:
        return self.by_path.get(path)

    @computed_once
    def by_path(self) -> dict[str, Document]:
        return {d.path: d for d in self.documents}

    def outlet(self, path: str) -> str:
        """Who published a document: its header's source, else its URL's host, else ""."""
        document = self.by_path.get(path)
        return outlet_of(document.meta) if document else ""

    @computed_once
    def problems_by_rule(self) -> dict[str, list[tuple[str, Problem]]]:
        """rule id -> (document path, problem) for every recorded problem, in path order: one
        pass over the documents for all the text-quality rules, not one per rule."""
        found: dict[str, list[tuple[str, Problem]]] = {}
        for document in sorted(self.documents, key=lambda d: d.path):
            for problem in document.problems:
                found.setdefault(problem.rule, []).append((document.path, problem))
        return found


@dataclass(frozen=True)
class RunResult:
    """The outcome of one run: per-document status, findings in stable order."""

    documents: tuple[DocumentStatus, ...]
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...] = ()
    known: frozenset[str] = frozenset()  # finding ids already in the baseline
    suppressed: tuple[tuple[str, str], ...] = ()  # (finding id, reason) accepted in rules/
    notes: tuple[str, ...] = ()  # one-line notices: stale baseline entries, unused suppressions
    # Config.lexicon of the run, so a reporter can find a canonical key's words in the documents
    lexicon: dict = field(default_factory=dict, compare=False, repr=False)

    @computed_once
    def suppression_reasons(self) -> dict[str, str]:
        """finding id -> why it was accepted in rules/ (one lookup table, not a scan per finding)."""
        return dict(self.suppressed)

    def is_new(self, finding: Finding) -> bool:
        """Neither in the baseline nor suppressed: the findings a gate fails on."""
        return finding.id not in self.known and finding.id not in self.suppression_reasons
