"""Flag passages that describe graphic violence, so no question draws on them.

The line drawn is graphic detail against violent history:

* flagged: descriptions of bodies and remains, wounds, torture, sexual violence,
  the way someone was killed (an instrument, "alive", "to death"), killings of
  ordinary people told as a scene, and images (captions) of victims or the dead;
* not flagged: the naming of battles, massacres, executions, assassinations,
  epidemics and wars, their dates, places and tolls ("X was executed in 1793",
  "killing about 40% of the population", "N people were killed"), and other
  senses of the words ("executed a feint", "a governing body").

Plain wording that is always graphic is found with word patterns. Killing verbs
need context, which the spaCy parse gives: whom the verb is about (a named
person or a toll is history), and, in a caption, whether the picture's subject
is the person killed. The parse is only run on passages that hold such a verb.

Each flag carries a reason a teacher can read: "category: the words".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from content.ingest.types import CAPTION, Passage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_BODY_PART = (r"(?:limbs?|arms?|legs?|hands?|feet|foot|heads?|ears?|noses?|faces?|fingers?|"
              r"eyes?|tongues?|breasts?|throats?|necks?|skulls?|bellies|belly|stomachs?)")
_WEAPON = (r"(?:swords?|knife|knives|bayonets?|axes?|machetes?|clubs?|hammers?|(?:iron\s+)?bars?|"
           r"rifle\s+butts?|butt\s+of\s+a\s+rifle|stones?|rocks?|bricks?|spears?|daggers?|blades?|"
           r"ropes?|wire|gasoline|petrol|sabres?|sabers?|hatchets?|sticks?)")

# (category, pattern): wording that is graphic wherever it appears. Patterns are
# case-insensitive unless they start with (?-i).
_LEXICON: list[tuple[str, str]] = [
    ("graphic violence",
     r"\bdismember\w*|\bdisembowel\w*|\bmutilat\w*|\bstabbed\b|\bstabbing\b|"
     r"\bbayonet(?:ed|ted|ing)\b|\bimpaled?\b|\bflayed\b|\bhacked\b|"
     r"\b(?:burned|burnt|buried|boiled|skinned|roasted)\s+alive\b|"
     r"\bbutt\s+of\s+a\s+rifle\b|\bdisfigured\b|\bgassed\b|\blynch\w*|"
     r"\b(?:beat|beaten|hacked|clubbed|stoned|burned|burnt|tortured|whipped|flogged|kicked|"
     r"trampled|stabbed)\s+(?:\w+\s+){0,2}to\s+death\b|\bblows?\s+of\s+(?:an?|the|his)\s+axe\b|"
     rf"\bsever(?:ed|ing|s)?\s+(?:(?:his|her|their|its|the)\s+)?{_BODY_PART}|"
     rf"\b{_BODY_PART}\s+(?:(?:had|have|has)\s+been\s+|were\s+|was\s+)?"
     r"(?:torn|blown|cut|hacked|ripped|gouged|sliced|chopped|smashed)\s+(?:off|open|out|apart)\b|"
     r"\b(?:cut|tore|hacked|chopped|ripped|blew|gouged|sliced)\s+(?:off|out|open)\s+"
     rf"(?:[\w'’]+\s+){{0,3}}{_BODY_PART}\b|\bcut\s+down\s+(?:\d[\d,]*\s+|all\s+)?"
     r"(?:the\s+)?(?:(?:old|young|wounded|fleeing|unarmed|remaining)\s+)?"
     r"(?:people|men|women|children|prisoners|civilians|villagers)\b|"
     r"\bslow\s+slicing\b|\bdeath\s+by\s+a\s+thousand\s+cuts\b|"
     r"\b(?:cut|cutting|sliced|slicing|stripped|stripping)\s+(?:the\s+)?flesh\b|"
     r"\bflesh\s+from\s+(?:his|her|their|the)\s+bod(?:y|ies)\b|"
     r"\b(?:throats?|necks?)\s+(?:was\s+|were\s+)?(?:cut|slit|slashed)\b"),
    ("torture", r"\btortur(?:e|ed|es|ing)\b|\bflogg(?:ed|ing)\b|\bwhipped\b|\bhot\s+irons?\b|"
                r"\bon\s+the\s+rack\b|\bthumbscrews?\b"),
    ("sexual violence", r"\b(?:raped|raping|rapes|rapist|rapists)\b|(?-i:\brape\b)|"
                        r"\bsexual(?:ly)?\s+(?:assault\w*|abus\w*|violence|slaver\w*)|"
                        r"\bvagina\w*|\bprofaned\b|\bmolest\w*|\bcomfort\s+women\b"),
    ("wounds", r"\bbleeding\b|\bbled\s+to\s+death\b|\bpools?\s+of\s+blood\b|"
               r"\bblood\s+(?:pooled|poured|streamed|flowed|spattered|splattered)\b|"
               r"\b(?:covered|soaked|drenched|smeared)\s+(?:in|with)\s+blood\b|\bblood-soaked\b|"
               r"\bgaping\s+wounds?\b|\bwounds?\s+(?:festered|festering|oozing|gaped)\b|"
               r"\bentrails\b|\bguts\b|\bbrains\s+(?:spilled|blown)\b"),
    ("human remains", r"\bcorpses?\b|\bskeletons?\b|\bskulls\b|\bmass\s+graves?\b|"
                      r"\bsevered\s+heads?\b|\bleft\s+to\s+rot\b|\brotting\b|\bdecompos\w+|"
                      r"\bcharred\s+(?:bod(?:y|ies)|remains)\b|"
                      r"\bdead\s+(?:child|children|bod(?:y|ies)|man|men|woman|women|baby|"
                      r"babies|soldiers?|civilians?|girl|boy|prisoners?)\b|"
                      r"\b(?:awaiting|gathered\s+for|prepared\s+for|laid\s+out\s+for)\s+"
                      r"burial\b|\b(?:the|[A-Z][a-z]+)\s+dead\s+(?:lying|lie|lay|gathered|"
                      r"piled|strewn|buried|awaiting)\b|"
                      r"\bbody\s+of\s+(?:a|an|the)\s+(?:\w+\s+)?(?:woman|man|child|girl|boy|"
                      r"victim|prisoner|soldier|baby)\b|"
                      r"\b(?:his|her|their|the)\s+bod(?:y|ies)\s+(?:was\s+|were\s+)?"
                      r"(?:dragged|dumped|thrown|hung|hanging|displayed|left|piled|strewn|"
                      r"floating|burned|burnt|mutilated)\b"),
]
_COMPILED = [(category, re.compile(pattern, re.IGNORECASE)) for category, pattern in _LEXICON]

# "Bodies" of people, not of institutions, water, or the body-and-soul of theology.
_BODIES = re.compile(r"\bbodies\b", re.IGNORECASE)
_NOT_CORPSES = re.compile(
    r"\b(?:governing|legislative|administrative|advisory|public|local|regional|national|"
    r"international|religious|political|professional|student|deliberative|elected|heavenly|"
    r"celestial|government|state|church|federal|provincial|municipal|representative|"
    r"statutory|supervisory|judicial|such|other|these|those|various|similar)\s+bodies\b|"
    r"\bbodies\s+(?:of\s+water|politic)\b|\bsouls?\b|\bbody\s+and\s+blood\b",
    re.IGNORECASE,
)

# A war crime shown in a picture, or done to someone, is graphic; a tribunal,
# trial or charge for war crimes is history.
_WAR_CRIME = re.compile(r"\bwar\s+crimes?\b|\bcrimes?\s+against\s+humanity\b", re.IGNORECASE)
_WAR_CRIME_DONE = re.compile(r"\bwar\s+crimes?\s+(?:against|on|upon)\s+(?:a|an|the|\d)",
                             re.IGNORECASE)

# A caption whose subject is the dead or wounded shows them.
_DEPICTS_DEAD = re.compile(
    r"(?:^|[;:.]\s+|\)\s*)(?:The\s+|A\s+|An\s+)?(Victims|Casualties|Wounded|Dead|Remains|Bodies)\b"
)

# Killing verbs, by lemma. A "method" verb names how someone was killed; it is
# history when the one killed is a named person ("X was beheaded in 1649").
_KILL = {"kill", "murder", "massacre", "slaughter", "execute", "shoot", "assassinate", "slay",
         "butcher", "hang", "behead", "decapitate", "crucify", "guillotine", "strangle",
         "drown", "exterminate"}
_METHOD = {"behead", "decapitate", "crucify", "strangle", "butcher"}
# Verbs of killing told as cruelty: graphic unless a toll or a named person.
_CRUEL = {"murder", "slaughter", "butcher"}
_KILL_WORDS = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|murder(?:s|ed|ing)?|massacr(?:e|es|ed|ing)|slaughter(?:s|ed|ing)?|"
    r"execut(?:e|es|ed|ing)|shot|shoot(?:s|ing)?|assassinat(?:e|es|ed|ing)|sla(?:y|in|ying)|"
    r"butcher(?:s|ed|ing)?|hanged|hang(?:s|ing)?|behead(?:s|ed|ing)?|decapitat(?:e|es|ed|ing)|"
    r"crucif(?:y|ied|ies|ying)|guillotin(?:e|ed)|strangl(?:e|ed|ing)|drown(?:ed|ing)?|"
    r"extermin\w+)\b",
    re.IGNORECASE,
)
# How the killing was done: an instrument, "alive", "one by one", a body part.
_MANNER = re.compile(
    rf"\b(?:with|using)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:\w+\s+)?{_WEAPON}\b|"
    r"\balive\b|\bone\s+by\s+one\b|\bin\s+cold\s+blood\b|\bpoint[\s-]blank\b|"
    r"\bby\s+firing\s+squad\b|\bfor\s+(?:sport|fun|amusement)\b|"
    r"\bin\s+the\s+(?:head|back|neck|face|chest|stomach|throat)\b",
    re.IGNORECASE,
)
_HUMAN_NOUNS = {
    "person", "people", "man", "men", "woman", "women", "child", "children", "boy", "girl",
    "baby", "infant", "soldier", "prisoner", "pow", "civilian", "villager", "rebel", "victim",
    "family", "resident", "inhabitant", "refugee", "deserter", "captive", "hostage",
    "insurgent", "partisan", "guerrilla", "peasant", "protester", "student", "priest", "monk",
    "nun", "farmer", "worker", "sailor", "pilot", "officer", "youth", "teenager", "mother",
    "father", "son", "daughter", "wife", "husband", "slave", "troops", "crew", "spy", "mutineer",
}  # fmt: skip
_HUMAN_SUFFIX = re.compile(r"(?:er|or|ist|ian|man|men|ee)s?$")
_TOLL_WORDS = {"hundred", "thousand", "thousands", "hundreds", "million", "millions", "billion",
               "many", "most",
               "%", "percent", "half", "third", "quarter", "some", "several", "dozens", "tens"}


def _lexicon_reason(text: str) -> str:
    for category, pattern in _COMPILED:
        m = pattern.search(text)
        if m:
            return f"{category}: {' '.join(m.group(0).lower().split())}"
    m = _BODIES.search(text)
    if m and not _NOT_CORPSES.search(text):
        return "human remains: bodies"
    return ""


def _is_human(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.ent_type_ in ("PERSON", "NORP"):
        return True
    if token.pos_ == "PRON":
        return lemma in {"he", "she", "they", "him", "her", "them", "i", "we", "us", "me"}
    if token.pos_ != "NOUN":
        return False
    return lemma in _HUMAN_NOUNS or token.lower_ in _HUMAN_NOUNS or bool(
        _HUMAN_SUFFIX.search(token.lower_)) and lemma not in {"order", "border", "power",
                                                              "number", "matter", "corner"}


def _named(token: Token) -> bool:
    """A named person: "Name XVI", "Name I" (a name and a regnal number), a PERSON entity."""
    if token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.ent_type_ != "NORP"):
        return True
    doc = token.doc
    if token.i and token.lower_ in {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}:
        return doc[token.i - 1].pos_ == "PROPN"
    return any(t.ent_type_ == "PERSON" for t in token.children if t.dep_ in ("compound", "flat"))


def _toll(token: Token) -> bool:
    """A count of the dead rather than a scene: "thousands of X", "about 40% of", "600 people"."""
    for t in token.subtree:
        if t.lower_ in _TOLL_WORDS:
            return True
        if t.like_num:
            try:
                value = float(t.text.replace(",", ""))
            except ValueError:
                continue  # "two"; "eight million" is a toll by its last word
            if value >= 100:
                return True
    return False


def _victims(verb: Token) -> list[Token]:
    """Who the killing verb is about: its object, or its subject in the passive."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
    if not out and verb.dep_ == "conj" and verb.tag_ == "VBN":
        # "X was removed from command and was murdered by …": the second passive
        # shares the first one's subject.
        out = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not out and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        out = [verb.head]  # "prisoners executed by ...", "executed prisoners"
    return out


_PARTICIPLES = {"killed", "executed", "murdered", "massacred", "shot", "slain", "hanged",
                "beheaded", "lynched", "slaughtered"}
_PARTICIPLE_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_PARTICIPLES)) + r")\b", re.IGNORECASE)
_METHOD_OR_CRUEL = re.compile(r"\b(?:behead\w*|decapitat\w*|crucif\w*|strangl\w*|"
                              r"(?:butcher|murder|slaughter)(?:ed|ing)\b)", re.IGNORECASE)


def _caption_shows_dead(doc: Doc | Span) -> str:
    """A caption whose subject is the person killed: "A boy killed by ...", "Executed men".

    The subject is the first noun of a caption's part (parts are split at ";" and
    "."), with no preposition before it: "A memorial to the men killed" shows a memorial.
    Small models often misparse captions, so word order decides, not the tree.
    """
    for t in doc:
        if t.lower_ not in _PARTICIPLES:
            continue
        for n in (doc[t.i - 1] if t.i else None, doc[t.i + 1] if t.i + 1 < len(doc) else None):
            if n is None or n.pos_ not in ("NOUN", "PROPN", "ADJ") or _named(n):
                continue
            if not (n.lemma_.lower() in _HUMAN_NOUNS or n.lower_ in _HUMAN_NOUNS
                    or n.pos_ == "NOUN" and _HUMAN_SUFFIX.search(n.lower_)):
                continue
            start = max([x.i + 1 for x in doc if x.i < min(t.i, n.i) and x.text in (";", ".")],
                        default=0)
            before = doc[start : min(t.i, n.i)]
            if any(x.pos_ == "ADP" or x.lower_ in ("to", "for", "of", "who", "that")
                   or x.like_num or x.lower_ in _TOLL_WORDS for x in before):
                continue
            words = doc[min(t.i, n.i) : max(t.i, n.i) + 1].text.lower()
            return f"depicts the dead or wounded: {words}"
    return ""


def _killing_reason(doc: Doc | Span, kind: str) -> str:
    if kind == CAPTION:
        reason = _caption_shows_dead(doc)
        if reason:
            return reason
    tokens = [t for t in doc if t.lemma_.lower() in _KILL and t.pos_ in ("VERB", "AUX", "ADJ")
              or (t.lower_ in ("killed", "executed", "murdered", "massacred", "shot", "slain",
                               "hanged", "beheaded") and t.tag_ == "VBN")]
    for verb in tokens:
        lemma = verb.lemma_.lower()
        if lemma == "shoot" and not re.match(r"\s*dead\b", doc.doc.text[verb.idx + len(verb):]):
            lemma = "kill" if any(_is_human(v) for v in _victims(verb)) else ""
        if not lemma:
            continue
        victims = _victims(verb)
        human = [v for v in victims if _is_human(v) or _named(v)]
        if lemma in ("execute", "hang", "drown", "shoot") and not human:
            continue  # "executed a feint", "hanged a painting", "drowned out"
        named = any(_named(v) for v in human)
        sentence = verb.sent
        manner = _MANNER.search(sentence.text)
        if manner and not named:
            return f"killing: {verb.text.lower()} … {' '.join(manner.group(0).lower().split())}"
        if lemma in _METHOD and not named:
            return f"graphic violence: {verb.text.lower()}"
        # A killing told as it happened (not "urged them to murder"), of people
        # neither named nor counted in a toll: a scene.
        if lemma in _CRUEL and verb.tag_ in ("VBD", "VBN") and not named and not any(
            _toll(v) for v in victims
        ):
            return f"killing: {verb.text.lower()}"
    return ""


def sensitivity_reason(text: str, kind: str = CAPTION, doc: Doc | None = None) -> str:
    """A human reason like "graphic violence: beheaded", or "" when nothing is found.

    ``doc`` is the spaCy parse of ``text``; it is made here, only when needed.
    """
    reason = _lexicon_reason(text)
    if reason:
        return reason
    m = _WAR_CRIME.search(text)
    if m and (kind == CAPTION or _WAR_CRIME_DONE.search(text)):
        return f"war crime: {m.group(0).lower()}"
    if kind == CAPTION:
        m = _DEPICTS_DEAD.search(text)
        if m:
            return f"depicts the dead or wounded: {m.group(1).lower()}"
    if not _KILL_WORDS.search(text):
        return ""
    # Without an instrument, a method or cruel verb, or (in a caption) a participle
    # on a person, a killing verb is history whatever the parse says: skip the parse.
    if not (_MANNER.search(text) or _METHOD_OR_CRUEL.search(text)
            or kind == CAPTION and _PARTICIPLE_WORDS.search(text)):
        return ""
    if doc is None:
        from content.ingest.nlp import get_nlp

        doc = get_nlp()(text)
    return _killing_reason(doc, kind)


def flag_passages(passages: list[Passage], docs: list[Doc] | None = None) -> int:
    """Set ``sensitive`` and ``sensitive_reason`` on each passage; return how many."""
    flagged = 0
    for index, passage in enumerate(passages):
        doc = docs[index] if docs is not None and index < len(docs) else None
        reason = sensitivity_reason(passage.text, passage.kind, doc)
        passage.sensitive = bool(reason)
        passage.sensitive_reason = reason
        flagged += bool(reason)
    return flagged
