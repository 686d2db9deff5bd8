"""Relations read from the dependency parse: "X commanded Y", "Y was founded by X",
"the actor who shot Y", "X surrendered to Y", "A, B and C met at ...".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from content.ingest.relation_finder import RelationFinder
from content.ingest.types import EVENT, GROUP, ORGANIZATION, PERSON, PLACE, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token


# verb lemma -> (relation, subject kinds, object kinds)
_P = (PERSON,)
_PO = (PERSON, ORGANIZATION)
_POG = (PERSON, ORGANIZATION, GROUP, PLACE)
VERBS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "command": ("commander of", _P, (ORGANIZATION,)),
    "lead": ("leader of", _P, (ORGANIZATION, EVENT)),
    "found": ("founder of", _P, (ORGANIZATION, PLACE)),
    "co-found": ("co-founder of", _P, (ORGANIZATION, PLACE)),
    "establish": ("founder of", _P, (ORGANIZATION,)),
    "succeed": ("successor of", _P, _P),
    "marry": ("spouse of", _P, _P),
    "meet": ("met", _P, _P),
    "assassinate": ("assassin of", _P, _P),
    "shoot": ("shot", _P, _P),
    "defeat": ("defeated", _POG, _POG),
    "paint": ("painter of", _P, (PLACE, EVENT, ORGANIZATION)),
    "compose": ("composer of", _P, (EVENT,)),
    "design": ("designer of", _P, (PLACE,)),
    "invade": ("invaded", (PLACE, ORGANIZATION, GROUP), (PLACE,)),
    "capture": ("captured", _PO, (PLACE,)),
    "rule": ("ruler of", _P, (PLACE,)),
    "govern": ("governor of", _P, (PLACE,)),
    "enter": ("entered", _POG, (PLACE,)),
    "lose": ("lost", _POG, (EVENT,)),
    "win": ("won", _POG, (EVENT,)),
    "attend": ("attended", _PO, (EVENT,)),
    "sign": ("party to", _POG, (EVENT,)),
    "conclude": ("party to", _POG, (EVENT,)),
    "ratify": ("party to", _POG, (EVENT,)),
}  # fmt: skip
# Treaties signed "with" someone make that someone a party too.
_WITH_PARTY = {"sign", "conclude"}
# Verbs whose object follows a preposition: "surrendered to Y", "met with Y".
PREP_VERBS = {("surrender", "to"): ("surrendered to", _POG, _POG),
              ("meet", "with"): ("met", _P, _P),
              ("die", "in"): ("died in", _P, (PLACE, EVENT)),
              ("die", "at"): ("died in", _P, (PLACE,)),
              ("move", "to"): ("moved to", _P, (PLACE,)),
              ("emigrate", "to"): ("moved to", _P, (PLACE,)),
              ("flee", "to"): ("fled to", _P, (PLACE,))}
_RELATIVE = {"who", "that", "which"}


class VerbRelations(RelationFinder):
    """Relation facts from verbs and their subjects and objects (needs the parse)."""

    def _resolve(self, token: Token, kinds: tuple[str, ...]) -> Mention | None:
        """A subject or object token as a mention; "who" stands for its antecedent."""
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
            noun = token.head.head
            found = self.at_token(noun, kinds)
            if found:
                return found
            # "X (dates), the actor who shot Y": the relative clause hangs on an appositive.
            if noun.dep_ == "appos":
                return self.at_token(noun.head, kinds)
            return None
        return self.at_token(token, kinds)

    @staticmethod
    def _with_conjuncts(tokens: list[Token]) -> list[Token]:
        out = []
        for t in tokens:
            out.append(t)
            out.extend(c for c in t.conjuncts if c not in out)
        return out

    def verbs(self) -> None:
        assert self.doc is not None
        for verb in self.doc:
            if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VBD", "VBN", "VBZ",
                                                                     "VBP", "VBG"):
                continue
            lemma = verb.lemma_.lower()
            deps = list(verb.children)
            if lemma in VERBS and not any(c.dep_ == "neg" for c in deps):
                relation, skinds, okinds = VERBS[lemma]
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in deps) or (
                    verb.tag_ == "VBN" and verb.dep_ == "acl")
                if passive:
                    agents = [g for c in deps if c.dep_ == "agent" for g in c.children
                              if g.dep_ == "pobj"]
                    things = [c for c in deps if c.dep_ == "nsubjpass"]
                    if verb.dep_ == "acl" and not things:
                        things = [verb.head]
                    subjects = self._with_conjuncts(agents)
                    objects = self._with_conjuncts(things)
                else:
                    subjects = self._subjects(verb)
                    objects = self._with_conjuncts([c for c in deps if c.dep_ == "dobj"])
                    if lemma in _WITH_PARTY:
                        holders = [verb, *(c for c in deps if c.dep_ == "dobj")]
                        subjects += [g for h in holders for c in h.children
                                     if c.dep_ == "prep" and c.lower_ == "with"
                                     for g in c.children if g.dep_ == "pobj"]
                self._pairs(subjects, objects, relation, skinds, okinds)
            # "X declared war on Y"
            if lemma == "declare" and any(c.dep_ == "dobj" and c.lower_ == "war" for c in deps):
                war = next(c for c in deps if c.dep_ == "dobj" and c.lower_ == "war")
                targets = [g for p in (*deps, *war.children) if p.dep_ == "prep"
                           and p.lower_ in ("on", "against") for g in p.children
                           if g.dep_ == "pobj"]
                self._pairs(self._subjects(verb), self._with_conjuncts(targets),
                            "declared war on", _POG, (PLACE, ORGANIZATION, GROUP))
            for prep in (c for c in deps if c.dep_ == "prep"):
                key = (lemma, prep.lower_)
                if key in PREP_VERBS and not any(c.dep_ == "neg" for c in deps):
                    relation, skinds, okinds = PREP_VERBS[key]
                    subjects = self._subjects(verb)
                    objects = self._with_conjuncts([c for c in prep.children
                                                    if c.dep_ == "pobj"])
                    self._pairs(subjects, objects, relation, skinds, okinds)
            # "A, B and C met at ...": a meeting with no object.
            if lemma == "meet" and not any(c.dep_ in ("dobj", "prep") and c.lower_ == "with"
                                           or c.dep_ == "dobj" for c in deps):
                subj_tokens = [c for c in deps if c.dep_ == "nsubj"]
                if subj_tokens:
                    lo = min(min(t.left_edge.idx for t in subj_tokens), verb.idx)
                    group = [p for p in self.people() if lo <= p.start and p.end <= verb.idx]
                    for other in group[1:]:
                        self.add(group[0], "met", other, group[0], 0.65)

    def _subjects(self, verb: Token) -> list[Token]:
        """The verb's subjects, or those of the clause it hangs on ("After losing Y, X
        knew", "X took advantage by invading Y", "X came and died in Y")."""
        found = [c for c in verb.children if c.dep_ == "nsubj"]
        head = verb
        for _ in range(2):
            if found or head.dep_ not in ("conj", "pcomp", "advcl", "xcomp"):
                break
            head = head.head
            if head.dep_ == "prep":
                head = head.head
            if head.pos_ not in ("VERB", "AUX"):
                break
            found = [c for c in head.children if c.dep_ == "nsubj"]
        return self._with_conjuncts(found)

    def _pairs(self, subjects: list[Token], objects: list[Token], relation: str,
               skinds: tuple[str, ...], okinds: tuple[str, ...]) -> None:
        for s_tok in subjects:
            subj = self._resolve(s_tok, skinds)
            if subj is None:
                continue
            for o_tok in objects:
                obj = self._resolve(o_tok, okinds)
                if obj is not None:
                    self.add(subj, relation, obj, subj, 0.7)
