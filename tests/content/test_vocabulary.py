"""One vocabulary: the models' choices are the pure packages' constants, with labels."""

import pytest

from content.generation import types as generated
from content.ingest import types as extracted
from content.models import Entity, Fact, Passage, Question
from tests.factories import QuestionFactory


def _constants(module, names) -> set[str]:
    return {getattr(module, name) for name in names}


def test_question_types_are_the_generators_vocabulary():
    names = [n for n in dir(generated) if n.isupper()]
    assert set(Question.Type.values) == _constants(generated, names)


def test_entity_fact_and_passage_kinds_are_the_extractors_vocabulary():
    assert set(Entity.Kind.values) == {
        extracted.PERSON, extracted.PLACE, extracted.EVENT, extracted.ORGANIZATION,
        extracted.GROUP,
    }
    assert set(Fact.Kind.values) == {
        extracted.DATED_EVENT, extracted.LIFESPAN, extracted.QUANTITY, extracted.RELATION,
        extracted.ROLE,
    }
    assert set(Passage.Kind.values) == {extracted.CAPTION, extracted.EXCERPT, extracted.SENTENCE}


@pytest.mark.django_db
def test_live_questions_are_the_published_ones_only():
    by_status = {status: QuestionFactory(status=status) for status in Question.Status.values}
    assert set(Question.objects.live()) == {by_status["approved"]}
