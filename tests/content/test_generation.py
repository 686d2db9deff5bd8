"""The pure question generator, on small hand-built extractions (no spaCy, no database)."""

from __future__ import annotations

import copy
import re

from content.generation import GENERATOR_VERSION, generate, questions_report
from content.generation import types as qt
from content.generation.wording import norm
from content.ingest.types import (
    CAPTION,
    DATED_EVENT,
    EVENT,
    EXCERPT,
    LIFESPAN,
    MONTH,
    ORGANIZATION,
    PERSON,
    PLACE,
    QUANTITY,
    RELATION,
    YEAR,
    DateValue,
    Entity,
    Extraction,
    Fact,
    Mention,
    ParsedDocument,
    Passage,
)

PASSAGES = [
    # (text, kind, topic)
    (
        "Following the Harbor Bridge Incident in 1921, she led Norland into the Long War.",
        EXCERPT,
        "Ada Voss",
    ),
    ("Ada Voss, founder of the Northern Aid Society", CAPTION, "Ada Voss"),
    ("Ada Voss with Premier Karl Brandt in Ostport, Norland, June 1930", CAPTION, "Ada Voss"),
    ("Lena Voss, the mother of Ada Voss", CAPTION, "Ada Voss"),
    ("The Treaty of Westfield ended the Long War in 1934.", EXCERPT, "Long War"),
    (
        "The Siege of Ostport lasted from 1925 to 1926 and was part of the Long War.",
        EXCERPT,
        "Long War",
    ),
    ("The Battle of Kell Ridge took place in 1923 during the Long War.", EXCERPT, "Long War"),
    (
        "The river airlift delivered approximately 40,000 tons of grain to Ostport at a cost of "
        "12 aircraft.",
        EXCERPT,
        "Long War",
    ),
    ("Soldiers beheaded prisoners near Kell Ridge in 1924.", EXCERPT, "Long War"),
    ("Hugo Renn (1880–1941), who moved to Ostport after the war", CAPTION, "Long War"),
    ("Ada Voss in 1927", CAPTION, "Ada Voss"),
    ("Karl Brandt and Hugo Renn at the Westfield Conference", CAPTION, "Long War"),
    ("Karl Brandt became premier of Norland in 1928.", EXCERPT, "Long War"),
    ("Otto Lind negotiated the Treaty of Westfield in 1933.", EXCERPT, "Long War"),
    ("Norland troops crossing the frozen river near Kell Ridge", CAPTION, "Long War"),
]

ENTITIES = [
    Entity("ada voss", "Ada Voss", PERSON, ["Voss"]),
    Entity("lena voss", "Lena Voss", PERSON),
    Entity("karl brandt", "Karl Brandt", PERSON, ["Brandt"]),
    Entity("hugo renn", "Hugo Renn", PERSON, ["Renn"]),
    Entity("otto lind", "Otto Lind", PERSON),
    Entity("harbor bridge incident", "Harbor Bridge Incident", EVENT),
    Entity("long war", "Long War", EVENT),
    Entity("treaty of westfield", "Treaty of Westfield", EVENT),
    Entity("siege of ostport", "Siege of Ostport", EVENT),
    Entity("battle of kell ridge", "Battle of Kell Ridge", EVENT),
    Entity("westfield conference", "Westfield Conference", EVENT),
    Entity("river airlift", "river airlift", EVENT),
    Entity("northern aid society", "Northern Aid Society", ORGANIZATION),
    Entity("norland", "Norland", PLACE),
    Entity("ostport", "Ostport", PLACE),
    Entity("kell ridge", "Kell Ridge", PLACE),
    Entity("westfield", "Westfield", PLACE),
]


def _mentions(passages: list[Passage]) -> list[Mention]:
    out = []
    for i, p in enumerate(passages):
        taken: list[tuple[int, int]] = []
        for e in sorted(ENTITIES, key=lambda e: -len(e.name)):
            for m in re.finditer(re.escape(e.name), p.text):
                if any(s < m.end() and m.start() < t for s, t in taken):
                    continue
                taken.append(m.span())
                out.append(Mention(i, e.key, m.start(), m.end(), m.group(0)))
    return out


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def build(*, sensitive: tuple[int, ...] = (8,)) -> Extraction:
    passages = [
        Passage(text, text, kind, topic, i) for i, (text, kind, topic) in enumerate(PASSAGES)
    ]
    for i in sensitive:
        passages[i].sensitive = True
        passages[i].sensitive_reason = "graphic violence: beheaded"
    t = [p.text for p in passages]
    facts = [
        Fact(
            DATED_EVENT,
            0,
            "harbor bridge incident",
            "1921",
            DateValue("1921", YEAR, 1921),
            span=_span(t[0], "1921"),
        ),
        Fact(
            DATED_EVENT,
            4,
            "treaty of westfield",
            "1934",
            DateValue("1934", YEAR, 1934),
            span=_span(t[4], "1934"),
        ),
        Fact(
            DATED_EVENT,
            6,
            "battle of kell ridge",
            "1923",
            DateValue("1923", YEAR, 1923),
            span=_span(t[6], "1923"),
        ),
        Fact(
            DATED_EVENT,
            5,
            "siege of ostport",
            "1925 to 1926",
            DateValue("1925 to 1926", YEAR, 1925, end_year=1926),
            span=_span(t[5], "1925 to 1926"),
        ),
        Fact(
            DATED_EVENT,
            2,
            "ada voss",
            "June 1930",
            DateValue("June 1930", MONTH, 1930, 6),
            span=_span(t[2], "June 1930"),
            context="Ada Voss with Premier Karl Brandt",
        ),
        Fact(
            DATED_EVENT,
            10,
            "ada voss",
            "1927",
            DateValue("1927", YEAR, 1927),
            span=_span(t[10], "1927"),
            context="Ada Voss",
        ),
        Fact(
            QUANTITY,
            7,
            "river airlift",
            "40,000",
            value=40000.0,
            unit="tons",
            span=_span(t[7], "40,000"),
        ),
        Fact(
            QUANTITY,
            7,
            "river airlift",
            "12",
            value=12.0,
            unit="aircraft",
            span=_span(t[7], "12 ")[:1] + (_span(t[7], "12 ")[0] + 2,),
        ),
        Fact(
            RELATION,
            3,
            "lena voss",
            "Lena Voss",
            relation="mother of",
            object="ada voss",
            span=_span(t[3], "Lena Voss"),
        ),
        Fact(
            LIFESPAN,
            9,
            "hugo renn",
            "1880–1941",
            DateValue("1880–1941", YEAR, 1880, end_year=1941),
            span=_span(t[9], "1880–1941"),
        ),
        Fact(DATED_EVENT, 8, None, "1924", DateValue("1924", YEAR, 1924), span=_span(t[8], "1924")),
    ]
    doc = ParsedDocument("Ada Voss and the Long War", "text", ["Ada Voss", "Long War"], passages)
    return Extraction(doc, list(ENTITIES), _mentions(passages), facts, "test")


def _by_type(result, qtype: str) -> list[qt.GeneratedQuestion]:
    return [q for q in result.all_questions if q.type == qtype]


def _find(result, answer: str, qtype: str | None = None) -> list[qt.GeneratedQuestion]:
    return [
        q
        for q in result.all_questions
        if norm(q.answer) == norm(answer) and (qtype is None or q.type == qtype)
    ]


def test_it_exposes_a_version_and_a_report_shape():
    ex = build()
    result = generate(ex)
    assert GENERATOR_VERSION
    report = questions_report(result, ex)
    assert report and set(report[0]) == {
        "type",
        "prompt",
        "answer",
        "accepted",
        "choices",
        "passage",
        "fact_kind",
        "score",
        "published",
        "features",
    }
    assert all(r["passage"] in [p.text for p in ex.passages] for r in report)
    assert all(0.0 <= r["score"] <= 1.0 for r in report)
    # Published first (the deck), then drafts; both in the report.
    flags = [r["published"] for r in report]
    assert True in flags and flags == sorted(flags, reverse=True)


def test_it_asks_in_what_year_an_event_took_place():
    result = generate(build())
    prompts = {q.prompt: q for q in result.all_questions}
    asked = [p for p in prompts if "Harbor Bridge Incident" in p and "year" in p.casefold()]
    assert asked, list(prompts)
    q = prompts[asked[0]]
    assert q.answer == "1921" and q.fact is not None and q.fact_kind == DATED_EVENT


def test_a_month_precision_date_is_asked_with_when_and_accepts_the_year():
    result = generate(build())
    q = next(
        q
        for q in result.all_questions
        if "Premier Karl Brandt" in q.prompt and q.type in (qt.YEAR, qt.MULTIPLE_CHOICE)
    )
    if q.type == qt.YEAR:
        assert q.prompt.startswith("When") and q.answer == "June 1930"
        assert "1930" in q.accepted
    else:
        assert q.prompt.startswith("In what year") and q.answer == "1930"


def test_it_asks_who_from_relations_and_descriptions():
    result = generate(build())
    who = [
        q
        for q in result.all_questions
        if q.type in (qt.WHO, qt.MULTIPLE_CHOICE) and q.prompt.startswith("Who")
    ]
    prompts = {q.prompt: q.answer for q in who}
    assert prompts.get("Who was the mother of Ada Voss?") == "Lena Voss"
    assert prompts.get("Who was the founder of the Northern Aid Society?") == "Ada Voss"


def test_it_asks_which_event_in_place_and_how_many():
    result = generate(build())
    what = _find(result, "Treaty of Westfield")
    # Asked once, in its best form: a real wh-question beats "… which treaty?" and a blank.
    assert any(q.prompt.startswith("What did") or "which treaty" in q.prompt.casefold()
               or "____" in q.prompt for q in what)
    how_many = _by_type(result, qt.HOW_MANY)
    tons = next(q for q in how_many if "how many tons" in q.prompt)
    assert tons.answer == "40,000" and tons.tolerance > 0
    planes = next(q for q in how_many if "how many aircraft" in q.prompt)
    assert planes.tolerance == 0


def test_a_cloze_resolves_a_leading_pronoun_to_the_topic_person():
    result = generate(build())
    # The sentence's subject is "she": every question on it names her instead.
    asked = [q for q in result.all_questions if q.passage == 0 and q.type != qt.ORDER
             and ("led" in q.prompt or "lead" in q.prompt)]
    assert asked
    for q in asked:
        assert not re.search(r"\bshe\b", q.prompt, re.IGNORECASE)
        assert "Ada Voss" in q.prompt or q.answer in ("Ada Voss",)


def test_multiple_choice_has_four_distinct_same_kind_options_and_no_alias():
    ex = build()
    kinds = {n: e.kind for e in ex.entities for n in [e.name, *e.aliases]}
    seen = 0
    for seed in range(12):
        for q in _by_type(generate(ex, seed=seed), qt.MULTIPLE_CHOICE):
            seen += 1
            assert len(q.choices) == 4 and len({norm(c) for c in q.choices}) == 4
            assert q.answer in q.choices
            others = [c for c in q.choices if c != q.answer]
            if q.answer.isdigit():
                year = int(q.answer)
                offsets = {int(c) - year for c in others}
                assert all(o != 0 for o in offsets)
                assert not any(-o in offsets for o in offsets), q.choices
            else:
                answer_entity = next(e for e in ex.entities if q.answer in [e.name, *e.aliases])
                aliases = {norm(n) for n in [answer_entity.name, *answer_entity.aliases]}
                for c in others:
                    assert kinds[c] == answer_entity.kind
                    assert norm(c) not in aliases
    assert seen


def test_a_false_statement_is_really_false():
    ex = build()
    fact_years = {y for f in ex.facts if f.date for y in (f.date.year, f.date.end_year) if y}
    texts = [norm(p.text) for p in ex.passages]
    found = 0
    for q in _by_type(generate(ex), qt.TRUE_FALSE):
        assert q.choices == ["True", "False"] and q.answer in ("True", "False")
        statement = norm(q.prompt.removeprefix("Is it correct that ").rstrip("?"))
        if q.answer == "True":
            continue
        found += 1
        assert not any(statement in t for t in texts)
        original = ex.passages[q.passage].text
        for year in re.findall(r"\b1[89]\d\d\b", q.prompt):
            if year not in original:
                assert int(year) not in fact_years
    assert found


def test_no_question_gives_its_answer_away():
    for q in generate(build()).all_questions:
        if q.type == qt.ORDER:
            continue
        assert q.answer.casefold() not in q.prompt.casefold(), q
        for alias in q.accepted:
            if len(alias) > 3:
                assert not re.search(rf"\b{re.escape(alias)}\b", q.prompt, re.IGNORECASE), q


def test_a_sensitive_passage_yields_no_question_unless_asked_and_never_graphic_words():
    ex = build()
    result = generate(ex)
    assert all(q.passage != 8 for q in result.all_questions)
    assert any(r.reason == "sensitive passage" for r in result.rejections)
    included = generate(ex, include_sensitive=True)
    for q in included.all_questions:
        assert "behead" not in " ".join([q.prompt, q.answer, *q.choices]).casefold()


def test_near_duplicates_are_dropped():
    ex = build()
    # The same caption twice, as a document often repeats a picture.
    ex.document.passages.append(copy.deepcopy(ex.passages[1]))
    ex.passages[-1].order = len(ex.passages) - 1
    ex.mentions += [
        Mention(len(ex.passages) - 1, m.entity, m.start, m.end, m.text)
        for m in ex.mentions
        if m.passage == 1
    ]
    result = generate(ex)
    prompts = [norm(q.prompt) for q in result.all_questions]
    assert len(prompts) == len(set(prompts))
    assert any(
        r.reason in ("near-duplicate", "same answer from the same passage")
        for r in result.rejections
    )


def test_it_is_deterministic_and_keys_are_stable_across_seeds_and_re_extraction():
    ex = build()
    a, b = generate(ex, seed=3), generate(ex, seed=3)
    assert [(q.key, q.prompt, q.choices) for q in a.all_questions] == [
        (q.key, q.prompt, q.choices) for q in b.all_questions
    ]
    assert len({q.key for q in a.all_questions}) == len(a.all_questions)
    other_seed = generate(ex, seed=4)
    assert {q.key for q in a.all_questions} == {q.key for q in other_seed.all_questions}
    # A re-extraction that reorders facts and entities keeps every key.
    shuffled = build()
    shuffled.facts.reverse()
    shuffled.entities.reverse()
    keys = {q.key for q in generate(shuffled, seed=3).all_questions}
    assert keys == {q.key for q in a.all_questions}


def test_order_questions_list_events_chronologically_with_arrows():
    result = generate(build())
    orders = _by_type(result, qt.ORDER)
    assert orders
    for q in orders:
        items = q.answer.split(" → ")
        assert 3 <= len(items) <= 4 and sorted(items) == sorted(q.choices)
        assert all(" → " not in c for c in q.choices)
    q = orders[0]
    assert q.answer.index("Harbor Bridge Incident") < q.answer.index("Battle of Kell Ridge")


def test_captions_become_image_questions_with_or_without_a_picture():
    ex = build()
    without = generate(ex)
    blanked = _by_type(without, qt.IMAGE)
    assert blanked and all("____" in q.prompt for q in blanked)
    assert all(ex.passages[q.passage].kind == CAPTION for q in blanked)
    with_picture = generate(ex, images=frozenset({10, 2}))
    # A photo question may be offered as multiple choice; it still points at the picture.
    shown = [
        q
        for q in with_picture.all_questions
        if q.passage == 10 and q.type in (qt.IMAGE, qt.MULTIPLE_CHOICE)
    ]
    prompts = {q.prompt: q.answer for q in shown}
    assert prompts.get("Who is shown in this photograph?") == "Ada Voss"
    assert prompts.get("In what year was this photograph taken?") == "1927"


def test_every_question_passes_the_shape_gates():
    ex = build()
    for q in generate(ex).all_questions:
        assert q.prompt[:1].isupper() or q.prompt.startswith("____")
        assert q.prompt.endswith("?") or "____" in q.prompt
        assert "  " not in q.prompt
        assert q.passage is not None and 0 <= q.passage < len(ex.passages)
        assert 0 <= q.difficulty <= 1
        assert q.fact is None or 0 <= q.fact < len(ex.facts)


def test_captions_never_blank_a_name_the_whole_document_keeps_returning_to():
    # "Norland" in 9 of 12 passages: a blank on it in a caption is a guess.
    passages = [
        Passage(f"Norland troops held the {n} line in 19{20 + n}.", f"r{n}", EXCERPT, "War", n)
        for n in range(10)
    ]
    caption = "Infantry soldiers resting beside the frozen river in Norland during the campaign"
    passages.append(Passage(caption, "c", CAPTION, "War", 10))
    passages.append(Passage("Karl Brandt at the Westfield Conference", "c2", CAPTION, "War", 11))
    mentions = [Mention(i, "norland", 0, 7, "Norland") for i in range(10)]
    at = caption.index("Norland")
    mentions.append(Mention(10, "norland", at, at + 7, "Norland"))
    mentions.append(Mention(11, "karl brandt", 0, 11, "Karl Brandt"))
    extraction = Extraction(
        document=ParsedDocument("War", "encyclopedia", ["War"], passages),
        entities=[
            Entity("norland", "Norland", PLACE),
            Entity("karl brandt", "Karl Brandt", PERSON),
        ],
        mentions=mentions,
    )
    answers = {q.answer for q in generate(extraction).all_questions if q.passage == 10}
    assert "Norland" not in answers
    # A name that is not a recurring subject is still blanked in the same caption.
    extraction.mentions = mentions[-2:]
    answers = {q.answer for q in generate(extraction).all_questions if q.passage == 10}
    assert "Norland" in answers


def test_a_question_hidden_in_a_relative_clause_is_dropped():
    from content.generation.gates import _grammar

    dangling = qt.GeneratedQuestion(
        type=qt.WHAT,
        prompt="Ada Voss, who was wounded at which battle in 1923?",
        answer="Battle of Kell Ridge",
        key="k",
    )
    assert _grammar(dangling) == "relative clause without a main clause"
    fine = qt.GeneratedQuestion(
        type=qt.WHAT,
        prompt="At which battle was Ada Voss, who led Norland, wounded in 1923?",
        answer="Battle of Kell Ridge",
        key="k2",
    )
    assert _grammar(fine) == ""


def test_an_office_held_by_two_people_is_asked_with_its_dates():
    passages = [
        Passage(
            "Karl Brandt commanded the Northern Army from 1921 to 1923.", "a", EXCERPT, "War", 0
        ),
        Passage("Otto Lind later commanded the Northern Army until 1930.", "b", EXCERPT, "War", 1),
    ]
    extraction = Extraction(
        document=ParsedDocument("War", "encyclopedia", ["War"], passages),
        entities=[
            Entity("karl brandt", "Karl Brandt", PERSON),
            Entity("otto lind", "Otto Lind", PERSON),
            Entity("northern army", "Northern Army", ORGANIZATION),
        ],
        mentions=[
            Mention(0, "karl brandt", 0, 11, "Karl Brandt"),
            Mention(0, "northern army", 26, 39, "Northern Army"),
            Mention(1, "otto lind", 0, 9, "Otto Lind"),
            Mention(1, "northern army", 30, 43, "Northern Army"),
        ],
        facts=[
            Fact(
                RELATION,
                0,
                "karl brandt",
                "Karl Brandt",
                relation="commander of",
                object="northern army",
                span=(0, 11),
            ),
        ],
    )
    prompts = [q.prompt for q in generate(extraction).all_questions if q.fact == 0]
    assert "Who was the commander of the Northern Army from 1921 to 1923?" in prompts
    assert "Who was the commander of the Northern Army?" not in prompts
