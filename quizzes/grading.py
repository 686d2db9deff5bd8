"""Grade a student's answer to a stored question."""

from __future__ import annotations

from dataclasses import dataclass

from content.models import Question
from quizzes.answers import check_answer, normalize

ORDER_SEPARATOR = " → "


@dataclass
class Grade:
    correct: bool | None  # None: self-graded, the student judges
    given: str
    close: bool = False  # right but for a typo, worth telling the student

    @property
    def suggested_rating(self) -> int:
        return 1 if self.correct is False else 3


def timeline(question: Question) -> list[str]:
    """The events of an ORDER question, in chronological order."""
    return question.answer.split(ORDER_SEPARATOR)


def grade(question: Question, given: str, order: list[str] | None = None) -> Grade:
    given = (given or "").strip()
    if question.type == Question.Type.ORDER:
        order = [item for item in (order or []) if item]
        return Grade(correct=order == timeline(question), given=ORDER_SEPARATOR.join(order))
    if not given:
        # "Show answer" without a typed attempt: the student grades themselves.
        return Grade(correct=None, given="")
    if question.choices:
        options = [question.answer, *question.accepted]
        return Grade(correct=normalize(given) in {normalize(o) for o in options}, given=given)
    kind = {Question.Type.YEAR: "year", Question.Type.HOW_MANY: "number"}.get(question.type, "text")
    if question.type == Question.Type.YEAR and not question.answer.strip().isdigit():
        kind = "text"  # a full date ("10 July 1937") is checked as text, with its year accepted
    match = check_answer(
        given, question.answer, question.accepted, kind=kind, tolerance=question.tolerance
    )
    return Grade(correct=match.correct, given=given, close=match.close)
