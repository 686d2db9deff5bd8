from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Faker("first_name")
    role = User.Role.STUDENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StudentFactory(UserFactory):
    role = User.Role.STUDENT


class TeacherFactory(UserFactory):
    role = User.Role.TEACHER


class AdminFactory(UserFactory):
    role = User.Role.ADMIN
    is_staff = True
    is_superuser = True


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = "content.Document"

    title = factory.Sequence(lambda n: f"Document {n}")
    source_name = factory.LazyAttribute(lambda d: f"{d.title.lower().replace(' ', '_')}.txt")
    raw_text = "The Treaty of Ghent was signed in 1814."
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    status = "ready"


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = "content.Topic"
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    key = factory.LazyAttribute(lambda t: t.name.casefold())


class EntityFactory(DjangoModelFactory):
    class Meta:
        model = "content.Entity"

    name = factory.Sequence(lambda n: f"Person {n}")
    key = factory.LazyAttribute(lambda e: e.name.casefold())
    kind = "person"


class PassageFactory(DjangoModelFactory):
    class Meta:
        model = "content.Passage"

    document = factory.SubFactory(DocumentFactory)
    topic = factory.SubFactory(TopicFactory)
    kind = "sentence"
    text = factory.Sequence(lambda n: f"Event number {n} happened in {1800 + n}.")
    raw_text = factory.LazyAttribute(lambda p: p.text)
    key = factory.Sequence(lambda n: f"passage-{n}")
    order = factory.Sequence(int)


class FigureFactory(DjangoModelFactory):
    """A caption with a stored picture, as an import of a document with pictures leaves it."""

    class Meta:
        model = "content.Figure"

    passage = factory.SubFactory(
        PassageFactory,
        kind="caption",
        text=factory.Sequence(lambda n: f"Winston Churchill in London in {1940 + n % 5}."),
    )
    document = factory.LazyAttribute(lambda f: f.passage.document)
    topic = factory.LazyAttribute(lambda f: f.passage.topic)
    image = factory.django.ImageField(width=400, height=300, format="WEBP", color="navy",
                                      filename="figure.webp")
    thumbnail = factory.django.ImageField(width=160, height=120, format="WEBP", color="navy",
                                          filename="figure-thumb.webp")
    width, height, thumbnail_width, thumbnail_height = 400, 300, 160, 120
    format = "webp"
    sha256 = factory.Sequence(lambda n: f"{n:064x}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = "content.Question"

    passage = factory.SubFactory(PassageFactory)
    document = factory.LazyAttribute(lambda q: q.passage.document)
    type = "year"
    prompt = factory.Sequence(lambda n: f"In what year did event number {n} happen?")
    answer = factory.Sequence(lambda n: str(1800 + n))
    key = factory.Sequence(lambda n: f"question-{n}")
    # Most tests are about what students see, and they see published questions.
    status = "approved"


class DeckFactory(DjangoModelFactory):
    class Meta:
        model = "quizzes.Deck"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Deck {n}")
    visibility = "public"

    @factory.post_generation
    def questions(deck, create, extracted, **kwargs):
        from quizzes.models import DeckQuestion

        if not create:
            return
        questions = extracted if extracted is not None else []
        DeckQuestion.objects.bulk_create(
            DeckQuestion(deck=deck, question=q, position=i) for i, q in enumerate(questions, 1)
        )


def deck_with_questions(count: int = 5, **kwargs):
    """A public deck holding ``count`` fresh year questions."""
    return DeckFactory(questions=QuestionFactory.create_batch(count), **kwargs)


class ClassroomFactory(DjangoModelFactory):
    class Meta:
        model = "teaching.Classroom"

    teacher = factory.SubFactory(TeacherFactory)
    name = factory.Sequence(lambda n: f"History {n}")
    code = factory.Sequence(lambda n: f"C{n:05d}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = "teaching.Membership"

    classroom = factory.SubFactory(ClassroomFactory)
    student = factory.SubFactory(StudentFactory)


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = "teaching.Assignment"

    classroom = factory.SubFactory(ClassroomFactory)
    deck = factory.SubFactory(DeckFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    created_by = factory.SelfAttribute("classroom.teacher")
    notice_pending = True  # as assignment_create leaves it until the notice is sent
