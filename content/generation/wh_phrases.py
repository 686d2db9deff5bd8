"""When- and Where-questions from a time or place phrase of the main clause:
"When did the king sign the treaty?" (a span of years is asked whole, never one
year from inside it), "Where did the king die?".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation.clauses import Clause, span_ids, token_text
from content.generation.corpus import YEAR_KIND, Corpus
from content.generation.wh_parts import Asked, answer_from, entity_at, has_conj, inverted
from content.ingest.types import ORGANIZATION, PLACE

_TIME_PREPS = {"in", "on", "during", "by", "from", "between"}
_PLACE_PREPS = {"in", "at", "near"}


def _stray_date(prep, dates) -> set[int] | None:  # noqa: ANN001
    """ "In 754 Constantine called …", "On 6 June rebels captured …": the parser reads the
    date as part of the subject ("754 Constantine", "6 June rebels") and leaves the
    preposition empty; the date finder says it is a date, so those words are the time
    phrase."""
    doc = prep.doc
    if prep.lower_ not in _TIME_PREPS or prep.i + 1 >= len(doc):
        return None
    first = doc[prep.i + 1]
    date = next((d for d in dates if d.start == first.idx), None)
    if date is None:
        return None
    ids = {t.i for t in doc if date.start <= t.idx < date.end}
    # Either the preposition is empty, or it holds only the day ("On 24" + "March 1603
    # Emperor X" read as the subject).
    if not ids - span_ids(prep) or not any(doc[i].dep_ in ("nummod", "compound", "nmod")
                                           for i in ids - span_ids(prep)):
        return None
    return {prep.i} | ids


def phrase_questions(corpus: Corpus, index: int, c: Clause) -> Iterator[Asked]:
    text = corpus.passages[index].text
    # "On 14 June Richard rode out …" in a narrative of 1381 is asked "When …?" → "14 June 1381".
    dates = corpus.dates(index) or corpus.undated_days(index)
    for prep in [ch for ch in c.root.children if ch.dep_ in ("prep", "npadvmod")]:
        ids = span_ids(prep)
        stray = _stray_date(prep, dates)
        if stray is not None:
            ids = stray
        if not ids <= {t.i for t in c.keep}:
            continue
        if prep.lower_ == "from":
            # "from 1240 to 1270" is often parsed as two phrases of the verb.
            to = next((ch for ch in c.root.children if ch.dep_ == "prep" and ch.lower_ in (
                "to", "until", "till") and ch.left_edge.i == prep.right_edge.i + 1), None)
            if to is not None:
                ids = ids | span_ids(to)
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
                    body = inverted(corpus, index, c, ids)
                    if c.root.lemma_ in ("last", "continue", "run", "endure", "rage") and \
                            body is not None and not c.passive:
                        # "When did the war last?" → "When did the war take place?"
                        subj = [t for t in c.keep if t.i in span_ids(c.subject)]
                        body = f"did {token_text(subj, lower_first=True)} take place"
                    if body is None:
                        continue
                    extra = {"answer_kind": YEAR_KIND, "answer_year": v.year,
                             "true_years": set(range(v.year, v.end_year + 1)), "span": True}
                    yield Asked(f"When {body}?", answer_text, None, "wh-when", extra,
                                frozenset(ids))
                    continue
                if prep.lower_ == "by":
                    continue  # "by 1900" is a bound, not a date
                body = inverted(corpus, index, c, ids)
                if body is None:
                    continue
                answer = text[d.start:d.end]
                if str(v.year) not in answer:
                    answer = f"{answer} {v.year}"  # the narrative's year, written out
                extra = {"answer_kind": YEAR_KIND, "answer_year": v.year,
                         "true_years": set(range(v.year, (v.end_year or v.year) + 1))}
                if v.end_year:
                    extra["span"] = True
                if v.precision in ("day", "month"):
                    extra["accepted"] = [str(v.year)]
                yield Asked(f"When {body}?", answer, None, "wh-when", extra, frozenset(ids))
                continue
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if prep.lower_ in ("in", "during") and pobj is not None and pobj.ent_type_ == "DATE" \
                and not any(d.start >= start and d.end <= end for d in dates) \
                and re.search(r"century|millennium|epoch|period|age|era|dynasty|decade",
                              pobj.lower_):
            body = inverted(corpus, index, c, ids)
            if body is not None:
                answer = answer_from([t for t in toks if t.i != prep.i])
                yield Asked(f"When {body}?", answer, None, "wh-when-era", {}, frozenset(ids))
            continue
        if prep.lower_ in _PLACE_PREPS:
            if pobj is None or any(d.start >= start and d.end <= end for d in dates):
                continue
            use = entity_at(corpus, index, pobj.left_edge.idx,
                            pobj.right_edge.idx + len(pobj.right_edge.text), pobj)
            named_place = use is None and pobj.ent_type_ in ("GPE", "LOC", "FAC") and \
                pobj.pos_ == "PROPN"
            if (use is None and not named_place) or (use is not None and not (
                    use.entity.kind == PLACE or (use.entity.kind == ORGANIZATION
                                                 and pobj.ent_type_ in ("FAC", "GPE", "LOC")))) \
                    or has_conj(pobj) or pobj.ent_type_ not in ("GPE", "LOC", "FAC", ""):
                continue
            # Another place phrase left in the question would make it answer itself.
            body = inverted(corpus, index, c, ids)
            if body is None:
                continue
            yield Asked(f"Where {body}?", answer_from([t for t in toks if t.i != prep.i]),
                        use, "wh-where", {}, frozenset(ids))

