"""Property-based tests of the answer grader.

Any typed string gets a verdict without an exception, and the exact answer
(or any accepted alias) is always accepted. The questions are unsaved: grading
reads only their fields, so no database is needed.
"""

from datetime import timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from content.models import Question
from quizzes.answers import check_answer
from quizzes.grading import ORDER_SEPARATOR, grade

FAST = settings(
    max_examples=80,
    deadline=timedelta(seconds=1),
    suppress_health_check=[HealthCheck.too_slow],
)

TYPED = st.text(max_size=600)  # the study form accepts up to 500; a little beyond too
ANSWERS = st.one_of(
    st.text(min_size=1, max_size=60),
    st.integers(min_value=-3000, max_value=3000).map(str),
    st.sampled_from(["1789", "10 July 1937", "Charlemagne", "Napoléon", "the Treaty of Paris",
                     "3,000", "1.5 million", "北京", "Ибн Баттута"]),
)
TYPES = st.sampled_from([
    Question.Type.YEAR, Question.Type.HOW_MANY, *[
        t for t in Question.Type if t not in (Question.Type.YEAR, Question.Type.HOW_MANY,
                                              Question.Type.ORDER)
    ],
])


def _question(qtype, answer, accepted=(), choices=()):
    return Question(type=qtype, prompt="?", answer=answer, accepted=list(accepted),
                    choices=list(choices), tolerance=0.1)


@FAST
@given(typed=TYPED, answer=ANSWERS, qtype=TYPES,
       accepted=st.lists(st.text(max_size=30), max_size=3))
def test_any_typed_string_gets_a_verdict(typed, answer, qtype, accepted):
    result = grade(_question(qtype, answer, accepted), typed)
    assert result.correct in (True, False, None)
    assert result.correct is not None or not typed.strip()
    assert result.suggested_rating in (1, 3)


@FAST
@given(answer=ANSWERS, qtype=TYPES, accepted=st.lists(st.text(max_size=30), max_size=3))
def test_the_exact_answer_is_always_accepted(answer, qtype, accepted):
    assume(answer.strip())
    assert grade(_question(qtype, answer, accepted), answer).correct is True


@FAST
@given(answer=ANSWERS, alias=ANSWERS)
def test_an_accepted_alias_is_accepted(answer, alias):
    assume(answer.strip() and alias.strip())
    assert grade(_question(Question.Type.WHO, answer, [alias]), alias).correct is True


@FAST
@given(answer=ANSWERS, distractors=st.lists(st.text(min_size=1, max_size=30), max_size=3))
def test_choosing_the_right_option_is_accepted(answer, distractors):
    assume(answer.strip())
    question = _question(Question.Type.YEAR, answer, choices=[answer, *distractors])
    assert grade(question, answer).correct is True


@FAST
@given(events=st.lists(st.text(min_size=1, max_size=20).filter(
    lambda e: ORDER_SEPARATOR not in e and e.strip()), min_size=2, max_size=5),
    typed=st.lists(st.text(max_size=20), max_size=6))
def test_an_order_question_grades_any_order(events, typed):
    question = _question(Question.Type.ORDER, ORDER_SEPARATOR.join(events))
    assert grade(question, "", order=events).correct is True
    assert grade(question, "", order=typed).correct in (True, False)


@FAST
@given(typed=TYPED, answer=ANSWERS, kind=st.sampled_from(["text", "year", "number"]),
       tolerance=st.floats(min_value=0, max_value=1))
def test_check_answer_never_raises_and_accepts_its_own_answer(typed, answer, kind, tolerance):
    assert check_answer(typed, answer, kind=kind, tolerance=tolerance).correct in (True, False)
    if answer.strip():
        assert check_answer(answer, answer, kind=kind, tolerance=tolerance).correct is True


# What hypothesis found: both failed before the fix.
def test_an_answer_of_only_punctuation_is_accepted_when_typed_exactly():
    assert check_answer("?", "?").correct is True
    assert check_answer("!", "?").correct is False


def test_a_number_question_accepts_its_text_alias_typed_exactly():
    question = _question(Question.Type.HOW_MANY, "12", ["a dozen"])
    assert grade(question, "a dozen").correct is True
    assert grade(question, "a score").correct is False
    assert grade(question, "12").correct is True
