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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from content.generation import types as qt
from content.generation.corpus import YEAR_KIND, Candidate, Corpus, candidate
from content.generation.wording import norm, tidy
from content.ingest.types import CAPTION, EVENT, GROUP, ORGANIZATION, PERSON, PLACE

# Dependents of the main verb that belong to another clause or only link sentences.
_DROP_DEPS = {"advcl", "parataxis", "intj", "discourse", "meta", "mark", "dep", "preconj",
              "csubj", "csubjpass"}  # fmt: skip
_LINKING = {"however", "also", "then", "later", "thus", "therefore", "eventually", "still",
            "subsequently", "meanwhile", "instead", "nevertheless", "nonetheless", "moreover",
            "furthermore", "consequently", "hence", "finally", "soon", "too", "again",
            "accordingly", "indeed", "afterwards", "further", "additionally", "likewise",
            "similarly", "first", "second", "now", "already", "previously", "ultimately",
            "alternatively", "otherwise", "in turn"}  # fmt: skip
# Words that leave a question unanswerable out of context.
_UNRESOLVED = {"it", "its", "they", "them", "their", "theirs", "this", "these", "those", "he",
               "she", "him", "his", "her", "hers", "we", "us", "our", "i", "me", "my", "you",
               "your", "itself", "themselves", "himself", "herself", "such", "former",
               "latter", "above", "below", "here", "there", "others", "other", "another",
               "some", "many", "both", "one", "ones", "either", "neither"}  # fmt: skip
_TIME_PREPS = {"in", "on", "during", "by", "from", "between"}
_PLACE_PREPS = {"in", "at", "near"}
# Definite nouns that name one thing in any history text.
_UNIQUE_NOUNS = {"world", "north", "south", "east", "west", "coast", "sea", "ocean", "moon",
                 "sun", "earth", "pope", "public", "population", "interior", "mainland",
                 "end", "beginning", "start", "rest", "majority", "minority", "first",
                 "following", "century", "past", "present", "future", "time", "equator",
                 "globe", "atlantic", "pacific"}  # fmt: skip
MAX_WORDS = 30
# Verbs whose object is half of an idiom ("take command", "have cases", "post growth").
_LIGHT_VERBS = {"take", "make", "have", "give", "play", "hold", "get", "do", "see", "exhibit",
                "post", "show", "receive", "experience", "become", "include", "reach", "gain",
                "find", "pay", "put", "set", "keep", "bring", "face", "enjoy", "undergo"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_NAMED_ENTS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW",
               "PRODUCT", "LANGUAGE"}
_DEFINING = {"first", "second", "third", "last", "main", "principal", "only", "chief",
             "official", "major", "leading", "capital", "largest", "oldest"}
_NUMERIC_ENTS = {"CARDINAL", "PERCENT", "QUANTITY", "ORDINAL", "DATE", "MONEY", "TIME"}


def has_finite_verb(doc) -> bool:  # noqa: ANN001
    """A sentence whose main verb is finite: a statement, not a label.

    "Yao, who came to Taiwan" has a finite verb only inside a relative clause."""
    for sent in doc.sents:
        root = sent.root
        if root.pos_ not in ("VERB", "AUX"):
            continue
        if root.tag_ in _FINITE_TAGS or "Fin" in root.morph.get("VerbForm") or any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ in _FINITE_TAGS
                                              or "Fin" in c.morph.get("VerbForm"))
            for c in root.children
        ):
            return True
        # "X waived …" tagged as a participle, but with its subject: a past tense.
        if root.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in root.children):
            return True
    for t in doc:
        if t.tag_ in ("VBD", "VBZ", "VBP") and not any(
            a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors]
        ):
            return True
    return False


@dataclass
class _Clause:
    root: object
    keep: list  # tokens of the simplified clause, in order
    subject: object | None  # head token of the subject
    passive: bool


def _paren_ids(sent) -> set[int]:  # noqa: ANN001
    out, depth = set(), 0
    for t in sent:
        if t.text in "([":
            depth += 1
        if depth:
            out.add(t.i)
        if t.text in ")]" and depth:
            depth -= 1
    return out


def _drop_subtree(tok, drop: set[int]) -> None:  # noqa: ANN001
    drop.update(t.i for t in tok.subtree)


def _simplify(sent) -> _Clause | None:  # noqa: ANN001
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or not (
        root.tag_ in _FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS
                                         for c in root.children)
    ):
        return None
    if any(c.dep_ == "neg" for c in root.children):
        return None  # "did not …" questions invite a quibble
    drop = _paren_ids(sent)
    for tok in sent:
        if tok.i in drop:
            continue
        if tok.dep_ == "appos":
            # "the new leader Ada Voss": the apposition is the name that identifies; it stays.
            if not (tok.pos_ == "PROPN" and tok.head.pos_ == "NOUN"):
                _drop_subtree(tok, drop)
        elif tok.dep_ == "relcl" and tok.left_edge.i > sent.start and \
                tok.doc[tok.left_edge.i - 1].text == ",":
            _drop_subtree(tok, drop)  # ", who …," adds, it does not identify
        elif tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
        ):
            _drop_subtree(tok, drop)
            drop.update(c.i for c in tok.head.children if c.dep_ in ("cc", "punct")
                        and c.i < tok.i and c.i > tok.head.i)
        elif tok.dep_ == "acl" and tok.left_edge.i > sent.start and \
                tok.doc[tok.left_edge.i - 1].text == ",":
            _drop_subtree(tok, drop)
    for child in root.children:
        if child.dep_ in _DROP_DEPS:
            _drop_subtree(child, drop)
        elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            _drop_subtree(child, drop)
            drop.update(c.i for c in root.children if c.dep_ in ("cc", "preconj")
                        or (c.dep_ == "punct" and c.i > root.i and c.i < child.i))
        elif child.dep_ in ("advmod", "npadvmod") and child.lower_ in _LINKING:
            _drop_subtree(child, drop)
        elif child.dep_ == "prep" and child.lower_ in ("despite", "although", "according"):
            _drop_subtree(child, drop)
    keep = [t for t in sent if t.i not in drop and not t.is_space]
    # Commas left at the edges or doubled by the drops.
    while keep and keep[-1].is_punct:
        keep.pop()
    while keep and keep[0].is_punct:
        keep.pop(0)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.i not in drop), None)
    # Another clause left in (a subject not of the main verb nor of a clause inside it).
    for t in keep:
        if t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i != root.i and \
                t.head.dep_ not in ("relcl", "acl", "ccomp", "xcomp", "pcomp", "advcl"):
            return None
        if t.dep_ in ("cc", "conj") and t.head.i == root.i:
            return None
    if subject is None or len(keep) > MAX_WORDS + 16 or len(keep) < 3:
        return None
    passive = subject.dep_ == "nsubjpass"
    return _Clause(root, keep, subject, passive)


def _words(tokens: list, lower_first: bool = False) -> str:
    out = []
    for n, t in enumerate(tokens):
        text = t.text
        if n == 0 and lower_first and (t.pos_ == "DET" or t.ent_type_ in _NUMERIC_ENTS or (
                t.pos_ != "PROPN" and not text.isupper() and not t.ent_type_)):
            text = text[:1].lower() + text[1:]
        out.append(text + t.whitespace_)
    return _tidy("".join(out))


def _tidy(text: str) -> str:
    text = re.sub(r"\s*,(\s*,)+", ",", text)
    text = re.sub(r"\s+([,.;:?!%])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s*[,;:–—-]\s*$", "", text)
    return tidy(text).rstrip(" ,;:.")


def _span_ids(tok) -> set[int]:  # noqa: ANN001
    return {t.i for t in tok.subtree}


def _entity_at(corpus: Corpus, index: int, start: int, end: int, head=None):  # noqa: ANN001, ANN202
    """The entity whose mention covers most of [start, end), and its head word when given."""
    best = None
    for u in corpus.uses(index):
        s, e = u.mention.start, u.mention.end
        if head is not None and not (s <= head.idx < e):
            continue
        if s >= start - 4 and e <= end + 1 and (e - s) >= 0.5 * (end - start):
            if best is None or (e - s) > (best.mention.end - best.mention.start):
                best = u
    return best


def _has_conj(tok) -> bool:  # noqa: ANN001
    """ "X and Y" as an answer: one of them alone would be marked wrong."""
    return any(t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN", "NUM") for t in tok.subtree)


def _resolve_subject(corpus: Corpus, index: int, subject) -> str | None:  # noqa: ANN001
    """The name a "he"/"she" subject stands for, when the document makes it certain.

    The passage's topic person, or else the person the whole document is about (its
    title), provided neither this sentence nor the one before names another person.
    """
    if subject.lower_ not in ("he", "she"):
        return None
    passage = corpus.passages[index]
    person = corpus.topic_entity(passage)
    if person is None or person.kind != PERSON:
        title = corpus.extraction.document.title
        person = corpus.entity_by_text(title) if title else None
        if person is None or person.kind != PERSON:
            return None
    for i in (index, index - 1):
        if i < 0 or (i == index - 1 and corpus.passages[i].kind != passage.kind):
            continue
        if any(u.entity.kind == PERSON and u.entity.key != person.key for u in corpus.uses(i)):
            return None
    return person.name


def _bare_definite(tokens: list) -> bool:
    """ "the treaty", "this craft": a reference the reader cannot resolve out of context."""
    for t in tokens:
        if t.pos_ != "NOUN" or t.dep_ in ("compound", "poss"):
            continue
        dets = [c for c in t.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("the", "this", "that", "these", "those"):
            continue
        if t.lower_ in _UNIQUE_NOUNS:
            continue
        if dets[0].lower_ != "the":
            return True
        # "the British army" names one; "the new political leader" does not.
        named = any(c.pos_ in ("PROPN", "NUM") or c.dep_ in ("prep", "acl", "relcl", "compound",
                                                             "poss")
                    or (c.dep_ == "amod" and c.text[:1].isupper())
                    for c in t.children)
        if not named:
            return True
    return False


def _unresolved(text: str) -> bool:
    return any(w in _UNRESOLVED for w in re.findall(r"[a-z]+", text.casefold()))


def _do_form(root) -> str:  # noqa: ANN001
    return {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_, "")


def _base(root) -> str | None:  # noqa: ANN001
    """The verb's base form, checked both ways: inflecting it again must give the word back."""
    try:
        from lemminflect import getAllInflections, getLemma
    except ImportError:
        return root.lemma_ or None
    lemmas = getLemma(root.lower_, upos="VERB") or (root.lemma_,)
    for lemma in lemmas:
        forms = {f for fs in getAllInflections(lemma, upos="VERB").values() for f in fs}
        if root.lower_ in forms or root.lower_ == lemma:
            return lemma
    return None


def warm_up() -> None:
    try:
        from lemminflect import getInflection, getLemma

        getInflection("found", tag="VBD")
        getLemma("founded", upos="VERB")
    except ImportError:
        pass


def _active_past(root) -> str | None:  # noqa: ANN001
    from lemminflect import getInflection

    base = _base(root)
    if base is None:
        return None
    forms = getInflection(base, tag="VBD")
    return forms[0] if forms else None


def _fronted(clause: _Clause, subject_ids: set[int]) -> tuple[list, list]:
    """Tokens before the subject (a fronted phrase) and the rest."""
    first = min(subject_ids)
    front = [t for t in clause.keep if t.i < first]
    rest = [t for t in clause.keep if t.i >= first]
    while front and front[-1].is_punct:
        front.pop()
    if any(t.pos_ in ("VERB", "AUX") and (t.tag_ in _FINITE_TAGS) for t in front):
        front = [None]  # a whole clause before the subject: the caller gives up
    return front, rest


def _defining(c: _Clause) -> bool:
    """ "X is the largest / first / main Y …": the subject is what a definition asks for."""
    if c.root.lemma_ != "be" or c.subject.pos_ not in ("NOUN", "PROPN"):
        return False
    attr = next((ch for ch in c.root.children if ch.dep_ == "attr"), None)
    return attr is not None and any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in _DEFINING for t in attr.children
    )


def _titled(use) -> bool:  # noqa: ANN001
    """ "Queen X", "General Y": a person whatever kind the extractor gave the name."""
    if use is None:
        return False
    from content.ingest.names import PERSON_TITLES

    first = use.mention.text.split(" ", 1)[0].rstrip(".").casefold()
    return len(use.mention.text.split()) > 1 and first in {
        t.rstrip(".").casefold() for t in PERSON_TITLES}


def _wh_for(use, head=None) -> str:  # noqa: ANN001
    if _titled(use):
        return "Who"
    if head is not None and head.ent_type_ in ("ORG", "GPE", "LOC", "FAC", "EVENT", "LAW",
                                               "WORK_OF_ART", "PRODUCT"):
        return "What"  # the parse knows an empire or a company is no person
    if head is not None and head.ent_type_ == "PERSON" or _titled(use):
        return "Who"
    if use is None and head is not None and head.ent_type_ in ("PERSON", "NORP"):
        return "Who"
    if use is not None and use.entity.kind == PERSON and (head is None or head.pos_ == "PROPN"):
        return "Who"
    if use is not None and use.entity.kind == GROUP and head is not None and (
        head.tag_ in ("NNPS", "NNS") or head.ent_type_ == "NORP"
    ):
        return "Who"
    return "What"


def _answer_text(tokens: list) -> str:
    text = _words(tokens)
    return re.sub(r"^(?:the|The)\s+", "", text) if not re.match(r"^The\s+[A-Z]", text) else text


@dataclass
class _Asked:
    prompt: str
    answer: str
    use: object | None
    slot: str
    extra: dict
    removed: frozenset = frozenset()  # token ids of the asked constituent


def _subject_question(corpus: Corpus, index: int, c: _Clause) -> _Asked | None:
    root = c.root
    if c.passive:
        agent = next((ch for ch in root.children if ch.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        auxes = [ch for ch in root.children if ch.dep_ == "auxpass"]
        if pobj is None or len(auxes) != 1 or auxes[0].lower_ not in ("was", "were") or any(
            ch.dep_ == "aux" for ch in root.children
        ):
            return None
        ans_ids = _span_ids(pobj)
        use = _entity_at(corpus, index, pobj.left_edge.idx, pobj.right_edge.idx
                         + len(pobj.right_edge.text), pobj)
        agent_toks = [t for t in c.keep if t.i in ans_ids]
        if use is None and not (pobj.ent_type_ in _NAMED_ENTS or (
                pobj.pos_ == "NOUN" and _specific(agent_toks))):
            return None
        if _has_conj(pobj):
            return None
        verb = _active_past(root)
        if not verb:
            return None
        subj_ids = _span_ids(c.subject)
        front = [t for t in c.keep if t.i < min(subj_ids)]
        while front and front[-1].is_punct:
            front.pop()
        obj = [t for t in c.keep if t.i in subj_ids]
        if not obj or obj[0].lower_ in _UNRESOLVED or _unresolved(_words(obj)):
            return None
        skip = subj_ids | _span_ids(agent) | {a.i for a in auxes} | {root.i} | {
            t.i for t in front}
        tail = [t for t in c.keep if t.i not in skip and t.i > min(subj_ids)]
        body = f"{_wh_for(use, pobj)} {verb} {_words(obj, lower_first=True)}"
        if tail:
            body += " " + _words(tail)
        if front:
            body += " " + _words(front, lower_first=True)
        answer = _answer_text(agent_toks)
        if not answer or len(answer.split()) > 6:
            return None
        return _Asked(_tidy(body) + "?", answer, use, "wh-agent", {}, frozenset(ans_ids))
    subj_ids = _span_ids(c.subject)
    subj_tokens = [t for t in c.keep if t.i in subj_ids]
    if not subj_tokens or c.subject.pos_ == "PRON" or c.subject.lower_ in _UNRESOLVED:
        return None
    start = subj_tokens[0].idx
    end = subj_tokens[-1].idx + len(subj_tokens[-1].text)
    use = _entity_at(corpus, index, start, end, c.subject)
    if use is not None and use.entity.kind not in (PERSON, PLACE, EVENT, ORGANIZATION, GROUP):
        return None
    if use is None and not (c.subject.ent_type_ in _NAMED_ENTS or _defining(c)):
        return None
    if _has_conj(c.subject):
        return None
    front, rest = _fronted(c, subj_ids)
    if front == [None]:
        return None
    after = [t for t in rest if t.i not in subj_ids]
    if not after or after[-1].pos_ in ("ADJ", "DET", "ADP", "CCONJ", "SCONJ", "PART"):
        return None
    if not after or after[0].i != min(t.i for t in after):
        return None
    verb_words = _words(after)
    # "Who were …" for a plural subject reads oddly; ask it in the singular.
    if c.root.lower_ == "were" and after[0].i == c.root.i:
        verb_words = "was" + verb_words[4:]
    elif after[0].lower_ == "were":
        verb_words = "was" + verb_words[4:]
    elif after[0].tag_ == "VBP" and after[0].lower_ in ("have", "are"):
        verb_words = {"have": "has", "are": "is"}[after[0].lower_] + verb_words[
            len(after[0].text):]
    body = f"{_wh_for(use, c.subject)} {verb_words}"
    if front:
        body += " " + _words(front, lower_first=True)
    answer = _answer_text(subj_tokens)
    if len(answer.split()) > 6 or len(body.split()) < 5:
        return None
    return _Asked(_tidy(body) + "?", answer, use, "wh-subject", {}, frozenset(subj_ids))


def _inverted(corpus: Corpus, index: int, c: _Clause, remove: set[int]) -> str | None:
    """The clause as a question body after the wh-word: "did the king sign …"."""
    root = c.root
    subj_ids = _span_ids(c.subject)
    subj = [t for t in c.keep if t.i in subj_ids]
    subject_text = _words(subj)
    if c.subject.pos_ == "PRON":
        name = _resolve_subject(corpus, index, c.subject)
        if name is None:
            return None
        subject_text = name
    elif subj and (subj[0].pos_ == "DET" or subj[0].ent_type_ in _NUMERIC_ENTS or (
        subj[0].pos_ != "PROPN" and not subj[0].ent_type_
        and not (subj[0].text.isupper() and len(subj[0].text) > 1)
    )):
        subject_text = subject_text[:1].lower() + subject_text[1:]
    front, _ = _fronted(c, subj_ids)
    if front == [None]:
        return None
    front = [t for t in front if t.i not in remove]
    auxes = [ch for ch in root.children if ch.dep_ in ("aux", "auxpass") and ch.i < root.i
             and ch.i not in subj_ids]
    skip = subj_ids | remove | {t.i for t in front} | {a.i for a in auxes[:1]}
    if auxes:
        lead = auxes[0].lower_
        rest = [t for t in c.keep if t.i not in skip and t.i > min(subj_ids)]
        body = f"{lead} {subject_text} {_words(rest)}"
    elif root.lemma_ == "be":
        rest = [t for t in c.keep if t.i not in skip | {root.i} and t.i > min(subj_ids)]
        body = f"{root.lower_} {subject_text} {_words(rest)}"
    else:
        do = _do_form(root)
        if not do or _base(root) is None:
            return None
        # "do Ada Voss rewrote": a tag at odds with a singular subject is a misparse.
        if do == "do" and (c.subject.tag_ in ("NN", "NNP") or c.subject.lower_ in ("he", "she")):
            return None
        rest = [t for t in c.keep if t.i not in skip and t.i > min(subj_ids)]
        words = []
        for t in rest:
            words.append((_base(t) or t.text if t.i == root.i else t.text) + t.whitespace_)
        body = f"{do} {subject_text} {_tidy(''.join(words))}"
    if front:
        body += " " + _words(front, lower_first=True)
    return _tidy(body)


def _specific(tokens: list) -> bool:
    """A common-noun answer specific enough to recall: "a humid tropical climate", not "a port"."""
    content = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not t.is_stop]
    return len(content) >= 2 and not any(t.lower_ in _UNRESOLVED for t in tokens)


def _object_question(corpus: Corpus, index: int, c: _Clause) -> _Asked | None:
    obj = next((ch for ch in c.root.children if ch.dep_ in ("dobj", "attr")), None)
    if obj is None or c.passive or obj.pos_ in ("PRON", "DET", "NUM"):
        return None
    if c.subject.pos_ == "NUM" or c.subject.ent_type_ in _NUMERIC_ENTS:
        return None
    if obj.dep_ == "attr" and c.root.lemma_ != "be":
        return None
    ids = _span_ids(obj)
    toks = [t for t in c.keep if t.i in ids]
    if not toks or len(toks) != len(ids):
        return None
    use = _entity_at(corpus, index, toks[0].idx, toks[-1].idx + len(toks[-1].text), obj)
    if use is not None and use.entity.kind not in (PERSON, PLACE, EVENT, ORGANIZATION, GROUP):
        return None
    # A lone definite noun ("the catechism") is answer enough when the question says a lot.
    definite = obj.pos_ == "NOUN" and len(toks) == 2 and toks[0].lower_ == "the" and \
        len([t for t in c.keep if t.i not in ids]) >= 9
    if use is None and not (obj.ent_type_ in _NAMED_ENTS and obj.pos_ == "PROPN") and (
            obj.pos_ != "NOUN" or not (_specific(toks) or definite) or obj.dep_ == "attr"
            or c.root.lemma_ in _LIGHT_VERBS):
        return None
    if _has_conj(obj):
        return None
    # "persuaded the pope to have X examined": the object belongs to the clause after it.
    if any(ch.dep_ in ("xcomp", "ccomp", "oprd") and ch.i > obj.i for ch in c.root.children):
        return None
    body = _inverted(corpus, index, c, ids)
    if body is None:
        return None
    wh = "Whom" if (use is not None and use.entity.kind == PERSON and obj.pos_ == "PROPN") \
        or obj.ent_type_ == "PERSON" else "What"
    answer = _answer_text(toks)
    if len(answer.split()) > 7:
        return None
    return _Asked(f"{wh} {body}?", answer, use, "wh-object", {}, frozenset(ids))


def _phrase_question(corpus: Corpus, index: int, c: _Clause) -> Iterator[_Asked]:
    text = corpus.passages[index].text
    dates = corpus.dates(index)
    for prep in [ch for ch in c.root.children if ch.dep_ in ("prep", "npadvmod")]:
        ids = _span_ids(prep)
        if not ids <= {t.i for t in c.keep}:
            continue
        if prep.lower_ == "from":
            # "from 1240 to 1270" is often parsed as two phrases of the verb.
            to = next((ch for ch in c.root.children if ch.dep_ == "prep" and ch.lower_ in (
                "to", "until", "till") and ch.left_edge.i == prep.right_edge.i + 1), None)
            if to is not None:
                ids = ids | _span_ids(to)
        toks = [t for t in c.keep if t.i in ids]
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if prep.dep_ == "npadvmod" or prep.lower_ in _TIME_PREPS:
            inside = [d for d in dates if d.start >= start and d.end <= end]
            if len(inside) == 1:
                d = inside[0]
                v = d.value
                # The date is the whole phrase, not a detail of it ("in the 1990 elections").
                rest = text[start:end].replace(text[d.start:d.end], "").strip().casefold()
                if rest not in ("in", "on", "during", "by", "", "in the", "from", "between"):
                    continue
                # "from 1510 to 1520" asks the span; "from 1510" alone is only a start.
                if prep.lower_ in ("from", "between") and not v.end_year:
                    continue
                if prep.lower_ in ("from", "between"):
                    answer_text = text[start:end][len(prep.text):].strip()
                    body = _inverted(corpus, index, c, ids)
                    if c.root.lemma_ in ("last", "continue", "run", "endure", "rage") and \
                            body is not None and not c.passive:
                        # "When did the war last?" → "When did the war take place?"
                        subj = [t for t in c.keep if t.i in _span_ids(c.subject)]
                        body = f"did {_words(subj, lower_first=True)} take place"
                    if body is None:
                        continue
                    extra = {"answer_kind": YEAR_KIND, "answer_year": v.year,
                             "true_years": set(range(v.year, v.end_year + 1)), "span": True}
                    yield _Asked(f"When {body}?", answer_text, None, "wh-when", extra,
                                 frozenset(ids))
                    continue
                if prep.lower_ == "by":
                    continue  # "by 1900" is a bound, not a date
                body = _inverted(corpus, index, c, ids)
                if body is None:
                    continue
                answer = text[d.start:d.end]
                extra = {"answer_kind": YEAR_KIND, "answer_year": v.year,
                         "true_years": set(range(v.year, (v.end_year or v.year) + 1))}
                if v.end_year:
                    extra["span"] = True
                if v.precision in ("day", "month"):
                    extra["accepted"] = [str(v.year)]
                yield _Asked(f"When {body}?", answer, None, "wh-when", extra, frozenset(ids))
                continue
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if prep.lower_ in ("in", "during") and pobj is not None and pobj.ent_type_ == "DATE" \
                and not any(d.start >= start and d.end <= end for d in dates) \
                and re.search(r"century|millennium|epoch|period|age|era|dynasty|decade",
                              pobj.lower_):
            body = _inverted(corpus, index, c, ids)
            if body is not None:
                answer = _answer_text([t for t in toks if t.i != prep.i])
                yield _Asked(f"When {body}?", answer, None, "wh-when-era", {}, frozenset(ids))
            continue
        if prep.lower_ in _PLACE_PREPS:
            if pobj is None or any(d.start >= start and d.end <= end for d in dates):
                continue
            use = _entity_at(corpus, index, pobj.left_edge.idx,
                             pobj.right_edge.idx + len(pobj.right_edge.text), pobj)
            named_place = use is None and pobj.ent_type_ in ("GPE", "LOC", "FAC") and \
                pobj.pos_ == "PROPN"
            if (use is None and not named_place) or (use is not None and not (
                    use.entity.kind == PLACE or (use.entity.kind == ORGANIZATION
                                                 and pobj.ent_type_ in ("FAC", "GPE", "LOC")))) \
                    or _has_conj(pobj) or pobj.ent_type_ not in ("GPE", "LOC", "FAC", ""):
                continue
            # Another place phrase left in the question would make it answer itself.
            body = _inverted(corpus, index, c, ids)
            if body is None:
                continue
            yield _Asked(f"Where {body}?", _answer_text([t for t in toks if t.i != prep.i]),
                         use, "wh-where", {}, frozenset(ids))


def _self_contained(prompt: str, answer: str) -> bool:
    body = prompt.split(" ", 1)[1] if " " in prompt else prompt
    return not _unresolved(body)


def wh_questions(corpus: Corpus) -> Iterator[Candidate]:
    for index, passage in enumerate(corpus.passages):
        if passage.kind == CAPTION:
            continue
        doc = corpus.parse(index)
        if doc is None:
            continue
        for sent in doc.sents:
            clause = _simplify(sent)
            if clause is None:
                continue
            asked: list[_Asked] = []
            for build in (_subject_question, _object_question):
                got = build(corpus, index, clause)
                if got:
                    asked.append(got)
            asked.extend(_phrase_question(corpus, index, clause))
            for a in asked:
                # "When did Voss appear?", "What did she seek?": too bare to have one answer.
                if len(a.prompt.split()) < (5 if a.slot in ("wh-subject", "wh-agent") else 6):
                    continue
                if re.search(r"\b(?:is|was|are|were|that|which|to|of|the|a|an|as|by|in|on|at|for|"
                             r"with|from|not)\?$", a.prompt) or " not " in a.prompt:
                    continue
                bare = _bare_definite([t for t in clause.keep if t.i not in a.removed])
                if len(a.prompt.split()) > MAX_WORDS or len(a.prompt) < 15:
                    continue
                if not _self_contained(a.prompt, a.answer) or norm(a.answer) == "":
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
