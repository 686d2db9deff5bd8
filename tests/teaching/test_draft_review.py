"""A teacher reviews many drafts: paged, beside their sources, by score, with the edits kept
against the original, and a count that follows each decision."""

import pytest
from django.urls import reverse
from django.utils import timezone

from content import curation
from content.models import Question
from quizzes.models import Card, Enrollment
from quizzes.selectors import deck_counts, next_card
from quizzes.services.decks import enrollment_create
from teaching import services
from teaching.selectors import DRAFTS_PER_PAGE
from tests.factories import (
    DeckFactory,
    DocumentFactory,
    PassageFactory,
    QuestionFactory,
    StudentFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def teacher(client):
    teacher = TeacherFactory()
    client.force_login(teacher)
    return teacher


@pytest.fixture
def document(teacher):
    return DocumentFactory(created_by=teacher, status="ready")


def _drafts(document, scores):
    return [
        QuestionFactory(passage__document=document, status=Question.Status.DRAFT, score=score)
        for score in scores
    ]


def _page(client, document, **params):
    return client.get(reverse("teaching:upload_status", args=[document.pk]), params)


def test_the_drafts_come_a_page_at_a_time_best_first_with_the_count_of_all(client, document):
    drafts = _drafts(document, [i / 100 for i in range(DRAFTS_PER_PAGE + 5)])
    first = _page(client, document)
    html = first.content.decode()
    assert first.context["review"].drafts.paginator.count == DRAFTS_PER_PAGE + 5
    assert f"<strong>{DRAFTS_PER_PAGE + 5}</strong> drafts left to review" in html
    assert drafts[-1].prompt in html and drafts[0].prompt not in html  # best first
    assert "Page 1 of 2" in html
    second = _page(client, document, page=2).content.decode()
    assert drafts[0].prompt in second and drafts[-1].prompt not in second


@pytest.mark.parametrize("page", ["x", "999", "-1", ""])
def test_a_page_number_that_is_not_one_shows_the_nearest_page(client, document, page):
    _drafts(document, [0.5] * 3)
    response = _page(client, document, page=page)
    assert response.status_code == 200
    assert len(response.context["review"].drafts.object_list) == 3


def test_each_draft_shows_the_sentence_it_was_made_from_and_its_score(client, document):
    passage = PassageFactory(
        document=document,
        text="The war began in 1937. The capital moved to Chongqing in 1938. It ended later.",
    )
    QuestionFactory(passage=passage, document=document, status="draft", score=0.734,
                    prompt="Where did the capital move in 1938?", answer="Chongqing")
    html = _page(client, document).content.decode()
    assert "The capital moved to Chongqing in 1938." in html
    assert "score <strong>0.73</strong>" in html


def test_the_source_sentence_is_the_one_holding_the_answer():
    question = QuestionFactory.build(
        passage=PassageFactory.build(text="First, a calm. Then Nanjing fell in 1937. After."),
        answer="1937",
        fact=None,
    )
    assert question.source_sentence == "Then Nanjing fell in 1937."


def test_publishing_a_draft_by_htmx_swaps_it_and_the_count_left(client, document):
    draft, other = _drafts(document, [0.5, 0.4])
    response = client.post(reverse("teaching:draft_approve", args=[draft.pk]), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="draft card" id="draft-{draft.pk}" data-draft')
    assert "data-waiting" not in html and "Published." in html
    assert 'id="draft-count"' in html and 'hx-swap-oob="true"' in html
    assert "<strong>1</strong> draft left to review" in html
    assert '<span id="published-count" hx-swap-oob="true">1</span>' in html
    draft.refresh_from_db()
    assert draft.status == Question.Status.APPROVED


def test_removing_a_draft_by_htmx_says_so_and_counts_down(client, document):
    draft, _ = _drafts(document, [0.5, 0.4])
    html = client.post(reverse("teaching:draft_reject", args=[draft.pk]), headers=HTMX)
    html = html.content.decode()
    assert "data-removed" in html and "<strong>1</strong> draft left to review" in html
    draft.refresh_from_db()
    assert draft.status == Question.Status.REJECTED and draft.locked


def test_removing_a_published_question_takes_it_out_of_every_deck_and_queue_at_once(
    client, document
):
    question, kept = QuestionFactory.create_batch(2, passage__document=document)
    decks = [DeckFactory(questions=[question, kept]) for _ in range(2)]
    students = StudentFactory.create_batch(2)
    for student, deck in zip(students, decks, strict=True):
        enrollment_create(user=student, deck=deck)
    assert Card.objects.filter(question=question).count() == 2
    client.post(reverse("teaching:draft_reject", args=[question.pk]))
    now = timezone.now()
    for student, deck in zip(students, decks, strict=True):
        enrollment = Enrollment.objects.get(user=student, deck=deck)
        counts = deck_counts(student, enrollment, now)
        assert counts.studyable == 1
        assert next_card(student, enrollment, now, counts).question_id == kept.pk
        assert list(deck.questions.live()) == [kept]


def test_an_edit_keeps_the_generated_text_once_and_shows_it_beside_the_edit(client, document):
    (draft,) = _drafts(document, [0.5])
    generated = (draft.prompt, draft.answer)
    url = reverse("teaching:draft_edit", args=[draft.pk])
    client.post(url, {"prompt": "When did it happen?", "answer": "1801"}, headers=HTMX)
    html = client.post(
        url, {"prompt": "In which year did it happen?", "answer": "1801"}, headers=HTMX
    ).content.decode()
    draft.refresh_from_db()
    assert draft.original == {"prompt": generated[0], "answer": generated[1]}
    assert draft.prompt == "In which year did it happen?" and draft.locked
    assert f"Original: {generated[0]}" in html and f"Original: {generated[1]}" in html


def test_a_save_without_a_change_keeps_no_original(document):
    (draft,) = _drafts(document, [0.5])
    services.draft_update(question=draft, prompt=draft.prompt, answer=draft.answer)
    draft.refresh_from_db()
    assert draft.original == {}


def test_an_empty_edit_is_refused_with_a_message_and_a_4xx(client, document):
    (draft,) = _drafts(document, [0.5])
    response = client.post(
        reverse("teaching:draft_edit", args=[draft.pk]), {"prompt": "", "answer": ""},
        headers=HTMX,
    )
    assert response.status_code == 400
    assert "needs a prompt and an answer" in response.content.decode()


def test_bulk_publish_asks_first_then_publishes_every_draft_at_or_above_the_score(
    client, document
):
    low, edge, high = _drafts(document, [0.3, 0.6, 0.9])
    url = reverse("teaching:drafts_publish_scoring", args=[document.pk])
    asked = client.post(url, {"min_score": "0.6"})
    assert asked.status_code == 200
    assert "Publish 2 drafts scoring at least 0.60?" in asked.content.decode()
    assert not Question.objects.filter(status="approved").exists()  # nothing yet
    done = client.post(url, {"min_score": "0.6", "confirm": "1"}, follow=True)
    assert "2 drafts scoring at least 0.60 are published." in done.content.decode()
    statuses = {q.pk: q.status for q in Question.objects.all()}
    assert statuses == {low.pk: "draft", edge.pk: "approved", high.pk: "approved"}
    # Idempotent: confirming again publishes nothing more.
    assert curation.drafts_publish_scoring(document=document, min_score=0.6) == 0


def test_bulk_publish_when_no_draft_scores_that_high_says_so(client, document):
    _drafts(document, [0.3])
    html = client.post(
        reverse("teaching:drafts_publish_scoring", args=[document.pk]), {"min_score": "0.95"}
    ).content.decode()
    assert "No draft scores 0.95 or more" in html


@pytest.mark.parametrize("score", ["high", "", "1.5", "-0.1", "nan", "inf"])
def test_a_score_that_is_not_a_number_from_0_to_1_is_refused_clearly(client, document, score):
    (draft,) = _drafts(document, [0.9])
    response = client.post(
        reverse("teaching:drafts_publish_scoring", args=[document.pk]),
        {"min_score": score, "confirm": "1"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "from 0 to 1, such as 0.6" in html or "Enter a number" in html
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_service_refuses_a_score_out_of_range(document):
    with pytest.raises(ValueError, match="from 0 to 1"):
        curation.drafts_publish_scoring(document=document, min_score=2)


def test_another_teachers_document_and_drafts_are_not_found(client, document):
    (draft,) = _drafts(document, [0.9])
    client.force_login(TeacherFactory())
    urls = [
        reverse("teaching:draft_approve", args=[draft.pk]),
        reverse("teaching:draft_reject", args=[draft.pk]),
        reverse("teaching:draft_edit", args=[draft.pk]),
        reverse("teaching:drafts_publish_scoring", args=[document.pk]),
    ]
    for url in urls:
        assert client.post(url, {"min_score": "0", "confirm": "1",
                                 "prompt": "x", "answer": "y"}).status_code == 404
    assert _page(client, document).status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.prompt != "x"


def test_unknown_ids_are_not_found(client, document):
    for name in ("draft_approve", "draft_reject", "draft_edit"):
        assert client.post(reverse(f"teaching:{name}", args=[999_999])).status_code == 404
    url = reverse("teaching:drafts_publish_scoring", args=[999_999])
    assert client.post(url, {"min_score": "0.5"}).status_code == 404


def test_the_paged_draft_page_costs_the_same_few_queries_however_many_drafts(
    client, document, django_assert_max_num_queries
):
    for n in (5, 120):
        _drafts(document, [0.5] * n)
        with django_assert_max_num_queries(10):
            response = _page(client, document)
        assert response.status_code == 200


def test_an_admins_rejection_is_the_same_retirement_locked_against_regeneration(admin_client):
    question = QuestionFactory()
    deck = DeckFactory(questions=[question])
    response = admin_client.post(
        reverse("admin:content_question_changelist"),
        {"action": "reject", "_selected_action": [question.pk]},
        follow=True,
    )
    assert "students no longer see them" in response.content.decode()
    question.refresh_from_db()
    assert (question.status, question.locked) == (Question.Status.REJECTED, True)
    assert not deck.questions.live().exists()
