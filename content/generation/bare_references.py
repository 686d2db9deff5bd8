"""A definite description with nothing to pin it down: "the emergency", "the railway
project" point back into a passage the student cannot see."""

from __future__ import annotations

import re

from content.generation.veto_patterns import (
    ANCHORING_PREPOSITIONS,
    PHRASE_END,
    PLACE_NOUNS,
    SELF_EXPLANATORY,
    TOKEN,
    role_noun,
)

QUOTES = frozenset('"“‘\'')
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last "
                      "latest".split())
_PAST_VERB = re.compile(r"[a-z]{3,}ed|began|became|fell|took|came|went|made|led|won|lost|gave|"
                        r"held|sent|met|ran|rose|broke|saw|knew|found|left|brought|built|fought|"
                        r"wrote|kept|spread|struck|stood|sought|told|drew|grew")
_MONTHS = frozenset("January February March April May June July August September October "
                    "November December".split())


def _anchors(preposition: str, tokens: list[str]) -> bool:
    """A name, a blank or a number ("the age of 19") after the preposition; a date is none.

    A blank anchors only as the preposition's own object, and never after "on": "the
    ultimatum on the evening of ____" hides a date, which says when, not which."""
    # The phrase ends at a comma: "the report in February 1233, Belmor left" is not "of Belmor".
    tokens = tokens[: next((k for k, t in enumerate(tokens) if t in ",;:()"), len(tokens))]
    dated = any(t in _MONTHS for t in tokens)
    return any(
        (t[:1].isupper() and t not in _MONTHS)
        or (t.startswith("___") and k == 0 and preposition != "on")
        or (t[:1].isdigit() and not dated and not re.fullmatch(r"\d{3,4}s?", t))
        for k, t in enumerate(tokens)
    )


def _is_word(token: str) -> bool:
    return bool(re.match(r"[\w'’-]", token))


def named(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit() or token.startswith("___")


def _named_apposition(rest: list[str]) -> bool:
    """ "the northern earls, Edda and Morn, …": the apposition names them (not "Under
    the treaty, Varnia gained …", where the name opens the main clause)."""
    if rest[:1] != [","]:
        return False
    k = 1
    while k < len(rest) and (named(rest[k]) or rest[k] in ("and", "of")):
        k += 1
    return k > 1 and named(rest[k - 1]) and (k == len(rest) or rest[k] in (",", ".", ")"))


def bare_definites(text: str) -> list[str]:
    """Noun phrases "the …" with no name or date in or right after them.

    "the emergency" and "the railway project" point back into a passage the
    student cannot see; "the Battle of X", "the 1924 ceremonies" and "the
    commander of the Eighth Route Army" carry their own referent.
    """
    tokens = TOKEN.findall(text)
    found = []
    for i, token in enumerate(tokens):
        if token.lower() != "the":
            continue
        phrase: list[str] = []
        j = i + 1
        while (
            j < len(tokens)
            and len(phrase) < 5
            and _is_word(tokens[j])
            and tokens[j].lower() not in PHRASE_END
            # "the ruins began with a German expedition": the verb ends the noun phrase.
            and not (phrase and _PAST_VERB.fullmatch(tokens[j]))
        ):
            phrase.append(tokens[j])
            j += 1
        first_name = next((k for k, t in enumerate(phrase) if named(t)), None)
        # "After the victory Sundiata Keita called …": a name right after a common noun opens
        # the next clause, unless the noun is a role or a kind of place it stands beside
        # ("the monk Stephen", "the river Varn").
        if first_name is not None and first_name > 0 and not (
                role_noun(phrase[first_name - 1]) or phrase[first_name - 1].lower() in
                PLACE_NOUNS):
            phrase = phrase[:first_name]
            j = i + 1 + first_name
            first_name = None
        if not phrase or first_name is not None:
            continue
        after = tokens[j : j + 5]
        # "the explorer who served Varnia": a restrictive clause with a name says which.
        if j < len(tokens) and tokens[j].lower() in ("who", "which", "that") and any(
                named(t) for t in tokens[j + 1 : j + 7]):
            continue
        if _named_apposition(tokens[j:]):
            continue
        # "the commander of the Eighth Army" names its referent; "the two armies met on
        # 14 October" does not: a date says when, not which.
        if after and after[0].lower() in ANCHORING_PREPOSITIONS and _anchors(
                after[0].lower(), after[1:]):
            continue
        # 'the words "When Adam delved …"': the quotation says which; ", the third in four
        # years": an ordinal in apposition counts ("The first was …" points back).
        if (after and after[0] in QUOTES) or (len(phrase) == 1 and phrase[0].lower() in
                                               _ORDINALS and i > 0 and tokens[i - 1] == ","):
            continue
        heads = {re.sub(r"['’]s$", "", t.lower().rstrip(".")) for t in (phrase[0], phrase[-1])}
        if heads & SELF_EXPLANATORY:
            continue
        found.append(" ".join(phrase))
    return found
