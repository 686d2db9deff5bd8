"""Real wh-questions from prose sentences, by transforming the clause's dependency parse.

A sentence is first simplified: its main clause only, without parentheticals,
appositions, non-restrictive relative clauses, adverbial clauses or linking
adverbs ("however", "also"). Its time and place phrases stay, because they
are what make the answer unique. Then one constituent is asked:

* the subject: "Who founded the city in 1498?" (a passive with an agent is
  turned active: "The city was founded by X" asks "Who founded the city?");
* the object, with do-support: "What did the king sign in 1911?";
* a time phrase: "When did the king sign the treaty?"; a span of years is
  asked whole, never one year from inside it;
* a place phrase: "Where did the king die?".

The parse is the extractor's own when the pipeline kept it; otherwise the
sentences are parsed here once.

The simplification is :mod:`content.generation.clauses`; the wh-word, the clause
turned round and the answer checks are :mod:`content.generation.wh_parts`; time
and place phrases are asked in :mod:`content.generation.wh_phrases`; the verb keeps the
source's voice and time (:mod:`content.generation.wh_verbs`), and a question whose
clause a cut left broken (a preposition without its object, a phrase tacked on after a
comma) is not asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.clauses import (
    MAX_WORDS,
    NUMERIC_ENTS,
    SUBORDINATORS,
    Clause,
    active_past,
    fronted,
    join_words,
    simplify,
    span_ids,
    tidy_clause,
    token_text,
)
from content.generation.corpus import YEAR_KIND, Candidate, Corpus, candidate
from content.generation.wh_parts import (
    NAMED_ENTS,
    UNRESOLVED,
    Asked,
    answer_from,
    bare_definite,
    defining,
    entity_at,
    has_conj,
    inverted,
    specific,
    unresolved,
    wh_for,
)
from content.generation.wh_phrases import phrase_questions
from content.generation.wh_verbs import do_support, past_dated, question_verb
from content.generation.wording import norm
from content.ingest.names import MONTHS
from content.ingest.types import CAPTION, EVENT, GROUP, ORGANIZATION, PERSON, PLACE

# Verbs whose object is half of an idiom ("take command", "have cases", "post growth").
_LIGHT_VERBS = {"take", "make", "have", "give", "play", "hold", "get", "do", "see", "exhibit",
                "post", "show", "receive", "experience", "become", "include", "reach", "gain",
                "find", "pay", "put", "set", "keep", "bring", "face", "enjoy", "undergo"}


def _subject_question(corpus: Corpus, index: int, c: Clause) -> Asked | None:
    root = c.root
    if c.passive:
        agent = next((ch for ch in root.children if ch.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        auxes = [ch for ch in root.children if ch.dep_ == "auxpass"]
        was = ("was", "were", "is", "are") if past_dated(c) else ("was", "were")
        if pobj is None or len(auxes) != 1 or auxes[0].lower_ not in was or any(
            ch.dep_ == "aux" for ch in root.children
        ):
            return None
        ans_ids = span_ids(pobj)
        use = entity_at(corpus, index, pobj.left_edge.idx, pobj.right_edge.idx
                        + len(pobj.right_edge.text), pobj)
        agent_toks = [t for t in c.keep if t.i in ans_ids]
        if use is None and not (pobj.ent_type_ in NAMED_ENTS or (
                pobj.pos_ == "NOUN" and specific(agent_toks))):
            return None
        if has_conj(pobj):
            return None
        verb = active_past(root)
        if not verb:
            return None
        subj_ids = span_ids(c.subject)
        front = [t for t in c.keep if t.i < min(subj_ids)]
        while front and front[-1].is_punct:
            front.pop()
        obj = [t for t in c.keep if t.i in subj_ids]
        if not obj or obj[0].lower_ in UNRESOLVED or unresolved(token_text(obj)):
            return None
        skip = subj_ids | span_ids(agent) | {a.i for a in auxes} | {root.i} | {
            t.i for t in front}
        tail = [t for t in c.keep if t.i not in skip and t.i > min(subj_ids)]
        body = f"{wh_for(use, pobj)} {verb} {token_text(obj, lower_first=True)}"
        if tail:
            body += " " + token_text(tail)
        if front:
            body += " " + token_text(front, lower_first=True)
        answer = answer_from(agent_toks)
        if not answer or len(answer.split()) > 6:
            return None
        return Asked(tidy_clause(body) + "?", answer, use, "wh-agent", {}, frozenset(ans_ids))
    subj_ids = span_ids(c.subject)
    subj_tokens = [t for t in c.keep if t.i in subj_ids]
    if not subj_tokens or c.subject.pos_ == "PRON" or c.subject.lower_ in UNRESOLVED:
        return None
    start = subj_tokens[0].idx
    end = subj_tokens[-1].idx + len(subj_tokens[-1].text)
    use = entity_at(corpus, index, start, end, c.subject)
    if use is not None and use.entity.kind not in (PERSON, PLACE, EVENT, ORGANIZATION, GROUP):
        return None
    if use is None and not (c.subject.ent_type_ in NAMED_ENTS or defining(c)):
        return None
    if has_conj(c.subject):
        return None
    front, rest = fronted(c, subj_ids)
    if front == [None]:
        return None
    after = [t for t in rest if t.i not in subj_ids]
    if not after or after[-1].pos_ in ("ADJ", "DET", "ADP", "CCONJ", "SCONJ", "PART"):
        return None
    if not after or after[0].i != min(t.i for t in after):
        return None
    verb = question_verb(c)
    if verb is None:
        return None
    words, led = [], False
    for t in after:
        text = t.text
        if do_support(verb):
            if t.i in verb.skip:
                continue
            if t.i == c.root.i:
                text = verb.finite
        elif t.i in verb.skip:
            if led:
                continue
            text, led = verb.lead, True
        elif t.i == c.root.i and verb.root_word is not None:
            text = verb.root_word
        words.append((t, text))
    verb_words = tidy_clause(join_words(words))
    # "Who were …" for a plural subject reads oddly; ask it in the singular.
    first, _, tail = verb_words.partition(" ")
    singular = {"were": "was", "have": "has", "are": "is", "do": "does"}.get(first.casefold())
    if singular:
        verb_words = f"{singular} {tail}".strip()
    body = f"{wh_for(use, c.subject)} {verb_words}"
    if front:
        body += " " + token_text(front, lower_first=True)
    answer = answer_from(subj_tokens)
    if len(answer.split()) > 6 or len(body.split()) < 5:
        return None
    return Asked(tidy_clause(body) + "?", answer, use, "wh-subject", {}, frozenset(subj_ids))


def _object_question(corpus: Corpus, index: int, c: Clause) -> Asked | None:
    obj = next((ch for ch in c.root.children if ch.dep_ in ("dobj", "attr")), None)
    if obj is None or c.passive or obj.pos_ in ("PRON", "DET", "NUM"):
        return None
    if c.subject.pos_ == "NUM" or c.subject.ent_type_ in NUMERIC_ENTS:
        return None
    if obj.dep_ == "attr" and c.root.lemma_ != "be":
        return None
    ids = span_ids(obj)
    toks = [t for t in c.keep if t.i in ids]
    if not toks or len(toks) != len(ids):
        return None
    use = entity_at(corpus, index, toks[0].idx, toks[-1].idx + len(toks[-1].text), obj)
    if use is not None and use.entity.kind not in (PERSON, PLACE, EVENT, ORGANIZATION, GROUP):
        return None
    # A lone definite noun ("the catechism") is answer enough when the question says a lot.
    definite = obj.pos_ == "NOUN" and len(toks) == 2 and toks[0].lower_ == "the" and \
        len([t for t in c.keep if t.i not in ids]) >= 9
    if use is None and not (obj.ent_type_ in NAMED_ENTS and obj.pos_ == "PROPN") and (
            obj.pos_ != "NOUN" or not (specific(toks) or definite) or obj.dep_ == "attr"
            or c.root.lemma_ in _LIGHT_VERBS):
        return None
    if has_conj(obj):
        return None
    # "persuaded the pope to have X examined": the object belongs to the clause after it.
    if any(ch.dep_ in ("xcomp", "ccomp", "oprd") and ch.i > obj.i for ch in c.root.children):
        return None
    body = inverted(corpus, index, c, ids)
    if body is None:
        return None
    wh = "Whom" if (use is not None and use.entity.kind == PERSON and obj.pos_ == "PROPN") \
        or obj.ent_type_ == "PERSON" else "What"
    answer = answer_from(toks)
    if len(answer.split()) > 7:
        return None
    return Asked(f"{wh} {body}?", answer, use, "wh-object", {}, frozenset(ids))


# Dependents a word cannot lose: a preposition its object, a verb its complement.
_NEEDED = {"prep": ("pobj", "pcomp"), "agent": ("pobj",), "VERB": ("ccomp", "xcomp", "dobj")}


def _intact(c: Clause, removed: frozenset) -> bool:
    """What is left of the clause once the asked phrase is out is still a whole clause.

    A cut or a move can leave a preposition without its object ("the War of the
    South of"), a participle without its complement ("… stating"), a word whose
    head was cut away, or a second clause spliced on after a comma; a question
    built on such a fragment is broken, so none is asked.
    """
    used = [t for t in c.keep if t.i not in removed]
    ids = {t.i for t in used}
    kept = {t.i for t in c.keep}  # the answer too: "the War of the South of" is no answer
    for t in c.keep:
        need = _NEEDED.get(t.dep_) or (_NEEDED["VERB"] if t.pos_ == "VERB" else ())
        wanted = [ch for ch in t.children if ch.dep_ in need]
        if wanted and not any(ch.i in kept for ch in wanted):
            return False
    for t in used:
        if t.i != c.root.i and not t.is_punct and t.head.i not in ids:
            return False  # its head was cut away: a fragment
        if t.text == ":":
            return False  # what follows a colon is a list or a quotation, no part of a question
        if t.dep_ == "dep" and t.head.dep_ == "prep" and t.pos_ in ("NOUN", "PROPN"):
            # "On 1 April 1572 the Sea Beggars, …": the subject misread as part of the time
            # phrase; the question would carry it to its end ("… capture on 1 April the Sea
            # Beggars?").
            return False
        # "a decree stating?": a participle whose complement was cut off after it.
        if t.tag_ == "VBG" and t.dep_ in ("acl", "amod") and t.i + 1 not in ids and not any(
                ch.i in ids for ch in t.rights):
            return False
        if t.lower_ in SUBORDINATORS and t.dep_ in ("mark", "advmod", "det", "nmod") and \
                t.head.i != c.root.i and t.head.dep_ in ("nsubj", "nsubjpass"):
            return False  # "Although Varnia is …" with the subordinate clause parsed as main
        # "…, X during the siege": a second clause spliced on after a comma; "authorised
        # a visitation, a power once the bishops'": an apposition parsed as a second object.
        spliced = t.dep_ in ("ccomp", "dep", "npadvmod", "appos") or (t.dep_ == "dobj" and any(
            o.dep_ == "dobj" and o.i < t.i for o in c.root.children))
        if t.head.i == c.root.i and spliced and t.i > c.root.i and t.left_edge.i > 0 and \
                t.doc[t.left_edge.i - 1].text == "," and t.pos_ in ("VERB", "PROPN", "NOUN"):
            return False
    quotes = sum(t.text in ('"', "“", "”") for t in used)
    return quotes % 2 == 0 and not _comma_tail(c, ids)


def _comma_tail(c: Clause, ids: set[int]) -> bool:
    """ "the fortress, [Aldo Brek] during the siege": a comma whose phrase was cut, with
    words after the cut that then read as tacked on. A cut between two commas
    (", who ruled it,") closes up cleanly."""
    keep = sorted(t.i for t in c.keep)
    for t in c.keep:
        if t.text != "," or t.i not in ids or t.i + 1 in keep:
            continue
        later = [i for i in keep if i > t.i]
        if later and later[0] in ids and c.root.doc[later[0]].text != ",":
            return True
    return False


_MONTH_WORD = re.compile(rf"\b{MONTHS}", re.IGNORECASE)


def _cuts_a_date(corpus: Corpus, index: int, prompt: str) -> bool:
    """ "What did march 1603 Emperor X appoint on 24?": the source's "24 March 1603" split
    between the subject and a phrase; its month is in the prompt, the whole date is not."""
    text = corpus.passages[index].text
    for d in corpus.dates(index):
        whole = text[d.start:d.end]
        if whole not in prompt and any(m.group(0).casefold() in prompt.casefold()
                                       for m in _MONTH_WORD.finditer(whole)):
            return True
    return False


def _self_contained(prompt: str, answer: str) -> bool:
    body = prompt.split(" ", 1)[1] if " " in prompt else prompt
    return not unresolved(body)


def wh_questions(corpus: Corpus) -> Iterator[Candidate]:
    for index, passage in enumerate(corpus.passages):
        if passage.kind == CAPTION:
            continue
        doc = corpus.parse(index)
        if doc is None:
            continue
        for sent in doc.sents:
            clause = simplify(sent)
            if clause is None:
                continue
            asked: list[Asked] = []
            for build in (_subject_question, _object_question):
                got = build(corpus, index, clause)
                if got:
                    asked.append(got)
            asked.extend(phrase_questions(corpus, index, clause))
            for a in asked:
                if not _intact(clause, a.removed):
                    continue
                # "When did Voss appear?", "What did she seek?": too bare to have one answer.
                if len(a.prompt.split()) < (5 if a.slot in ("wh-subject", "wh-agent") else 6):
                    continue
                if re.search(r"\b(?:is|was|are|were|that|which|to|of|the|a|an|as|by|in|on|at|for|"
                             r"with|from|not)\?$", a.prompt) or " not " in a.prompt:
                    continue
                bare = bare_definite([t for t in clause.keep if t.i not in a.removed])
                if len(a.prompt.split()) > MAX_WORDS or len(a.prompt) < 15:
                    continue
                if not _self_contained(a.prompt, a.answer) or norm(a.answer) == "" or \
                        _cuts_a_date(corpus, index, a.prompt):
                    continue
                if re.search(r"\b(?:which|who|whom|whose|that|and|or|but)\s*\?$", a.prompt) or \
                        re.search(r"\s(?:and|or|but)$", a.answer) or re.search(
                    r"[–—]|\s-\s|\b(?:for example|e\.g\.|i\.e\.)", a.prompt
                ):
                    continue
                kind = a.use.entity.kind if a.use is not None else (
                    YEAR_KIND if a.slot == "wh-when" else "")
                key = a.use.entity.key if a.use is not None else None
                qtype = {"wh-when": qt.YEAR, "wh-where": qt.WHERE}.get(
                    a.slot, qt.WHO if a.prompt.startswith(("Who ", "Whom ")) else qt.WHAT)
                accepted = [a.use.entity.name, *corpus.accepted(key)] if a.use else []
                extra = {"answer_entity": key, "answer_kind": kind, **a.extra}
                extra.pop("span", None)
                accepted = accepted + extra.pop("accepted", [])
                cand = candidate(
                    corpus, qtype, a.prompt, a.answer, index,
                    accepted=accepted, slot=a.slot, fact_kind="sentence",
                    difficulty=0.5, score=0.7, mc_ok=False, **extra,
                )
                cand.features = {"wh": 1.0, "bare_definite": float(bare)}  # type: ignore[attr-defined]
                yield cand
