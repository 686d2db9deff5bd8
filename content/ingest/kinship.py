"""Kinship and succession nouns: "the wife of Y", "his son and successor X".

One definition for the extractor (:mod:`content.ingest.relations`, which reads
"<kin> of" relations) and the question writer (:mod:`content.generation.people`).
It lives in ``content.ingest`` because generation may import ingest and never the
reverse (``docs/architecture.md``), so both sides can read it from here.
"""

from __future__ import annotations

# The relatives a question may name as the generator does: "Who was the <kin> of
# Y?" needs no check for other holders (a kin noun is not an office), and the
# question may be turned round ("Whose wife was X?").
CORE_KIN = ("mother", "father", "son", "daughter", "wife", "husband", "brother", "sister",
            "grandson", "granddaughter", "grandfather", "grandmother", "uncle", "aunt",
            "nephew", "niece", "cousin", "successor", "predecessor")
# Every noun the extractor reads as a kin relation. The rest are left out of
# CORE_KIN: "spouse of" comes from "married" and is asked from both sides already,
# and a person may have several heirs, widows or step-relatives.
KIN_WORDS = (*CORE_KIN, "heir", "widow", "widower", "spouse", "stepson", "stepdaughter",
             "stepmother", "stepfather")
# Longest first, so an alternation tries "widower" before "widow".
KIN = "|".join(sorted(KIN_WORDS, key=len, reverse=True))
