"""'He' becomes a name only when no other person could be meant (one rule for every builder)."""

from __future__ import annotations

from content.generation.corpus import Corpus
from content.generation.sentences import rewrite
from content.ingest.types import (
    PERSON,
    SENTENCE,
    Entity,
    Extraction,
    Mention,
    ParsedDocument,
    Passage,
)

TEXTS = [
    "Oswin Tarrow founded Belmor in 1204.",
    "Aldo Brek was elected mayor in 1231, and he reformed the courts in 1235.",
    "He built a harbour in 1240.",
    "He built a wall in 1250.",
]


def _corpus() -> Corpus:
    passages = [Passage(text=t, raw=t, kind=SENTENCE, topic="Oswin Tarrow", order=i)
                for i, t in enumerate(TEXTS)]
    oswin = Entity(key="oswin tarrow", name="Oswin Tarrow", kind=PERSON)
    aldo = Entity(key="aldo brek", name="Aldo Brek", kind=PERSON)
    mentions = [Mention(0, "oswin tarrow", 0, 12, "Oswin Tarrow"),
                Mention(1, "aldo brek", 0, 9, "Aldo Brek")]
    doc = ParsedDocument(title="Oswin Tarrow", layout="text", topics=["Oswin Tarrow"],
                         passages=passages)
    return Corpus(Extraction(document=doc, entities=[oswin, aldo], mentions=mentions))


def test_the_referent_is_the_topic_person_only_when_no_one_else_is_in_sight():
    corpus = _corpus()
    assert corpus.pronoun_referent(0).name == "Oswin Tarrow"
    assert corpus.pronoun_referent(1) is None  # Aldo Brek is named in it
    assert corpus.pronoun_referent(2) is None  # ... and in the passage before
    assert corpus.pronoun_referent(3).name == "Oswin Tarrow"


def test_a_statement_never_gives_another_persons_pronoun_the_topics_name():
    corpus = _corpus()
    start = TEXTS[1].index("1235")
    assert rewrite(corpus, 1, start, start + 4, "____") is None
    # Aldo Brek was the last person named: "he" may well be him.
    start = TEXTS[2].index("1240")
    assert rewrite(corpus, 2, start, start + 4, "____") is None
    start = TEXTS[3].index("1250")
    assert rewrite(corpus, 3, start, start + 4, "____") == "Oswin Tarrow built a wall in ____"
