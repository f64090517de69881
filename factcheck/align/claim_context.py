"""What a claim names besides its subject: organisations, a deal's parties, the source it is credited to.

These tell two facts of one subject apart (see sameness); a person stands for their organisation."""
from __future__ import annotations

from ..config import Config
from ..extract.terms import find_terms
from .keys import fold_subject
from ..model import Claim
from ..normalise import normalise_text
from .person_groups import People
from .sameness import FactLexicon, attribution, person_organisations


class ClaimContext:
    """What claims name besides their subject: owners, counterparties, sources (see sameness)."""

    def __init__(self, people: People, facts: FactLexicon, config: Config) -> None:
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
