"""The deck builder's changes: one URL each, a partial for htmx, a safe redirect otherwise."""

import json

import pytest
from django.urls import reverse

from tests.factories import QuestionFactory, TeacherFactory, deck_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def builder(client):
    teacher = TeacherFactory()
    deck = deck_with_questions(3, owner=teacher, visibility="private")
    client.force_login(teacher)
    return teacher, deck


def _order(deck) -> list[int]:
    return list(deck.entries.order_by("position", "id").values_list("question_id", flat=True))


def test_adding_a_question_with_htmx_returns_the_list_and_tells_the_results(client, builder):
    _, deck = builder
    shared = QuestionFactory()  # a command-line import: shared with every teacher
    response = client.post(
        reverse("teaching:deck_add", args=[deck.pk]),
        {"question": shared.pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<ol id="entries"')
    assert shared.prompt in response.content.decode()
    assert json.loads(response["HX-Trigger"]) == {"deck-changed": {}}
    assert _order(deck)[-1] == shared.pk


def test_moving_a_question_up_swaps_it_with_the_one_above(client, builder):
    _, deck = builder
    first, second, third = _order(deck)
    response = client.post(reverse("teaching:deck_move_up", args=[deck.pk, third]))
    assert response.status_code == 302
    assert _order(deck) == [first, third, second]
    client.post(reverse("teaching:deck_move_down", args=[deck.pk, first]))
    assert _order(deck) == [third, first, second]


def test_removing_a_question_leaves_the_others_in_order(client, builder):
    _, deck = builder
    first, second, third = _order(deck)
    client.post(reverse("teaching:deck_remove", args=[deck.pk, second]))
    assert _order(deck) == [first, third]


def test_a_plain_add_returns_to_the_search_page_but_never_off_site(client, builder):
    _, deck = builder
    search = reverse("teaching:builder", args=[deck.pk]) + "?q=event"
    url = reverse("teaching:deck_add", args=[deck.pk])
    response = client.post(url, {"question": QuestionFactory().pk, "next": search})
    assert response["Location"] == search
    response = client.post(url, {"question": QuestionFactory().pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("teaching:builder", args=[deck.pk])


def test_renaming_needs_a_title_and_sharing_makes_the_deck_public(client, builder):
    _, deck = builder
    client.post(reverse("teaching:deck_rename", args=[deck.pk]), {"title": "  "})
    client.post(reverse("teaching:deck_visibility", args=[deck.pk]), {"public": "1"})
    deck.refresh_from_db()
    assert deck.title != "" and deck.visibility == "public"
    client.post(
        reverse("teaching:deck_rename", args=[deck.pk]), {"title": "Causes", "description": ""}
    )
    client.post(reverse("teaching:deck_visibility", args=[deck.pk]), {"public": "0"})
    deck.refresh_from_db()
    assert (deck.title, deck.visibility) == ("Causes", "private")


def test_a_huge_deck_description_is_refused_on_create_and_on_rename(client):
    from quizzes.models import Deck

    teacher = TeacherFactory()
    client.force_login(teacher)
    huge = "x" * (5 * 1024 * 1024)
    response = client.post(reverse("teaching:teacher_decks"), {"title": "Big", "description": huge})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert not Deck.objects.filter(owner=teacher).exists()

    client.post(reverse("teaching:teacher_decks"), {"title": "Small", "description": "Short."})
    deck = Deck.objects.get(owner=teacher)
    response = client.post(
        reverse("teaching:deck_rename", args=[deck.pk]),
        {"title": "Small", "description": huge},
        follow=True,
    )
    assert "at most 2000 characters" in response.content.decode()
    deck.refresh_from_db()
    assert deck.description == "Short."


def test_the_deck_services_refuse_an_unbounded_description():
    from teaching import services

    with pytest.raises(ValueError, match="under 2000 characters"):
        services.deck_create(owner=TeacherFactory(), title="Big", description="x" * 2001)


def test_every_question_in_the_builder_can_be_reported_to_the_admins(client, builder):
    teacher, deck = builder
    html = client.get(reverse("teaching:builder", args=[deck.pk])).content.decode()
    for question in deck.questions.all():
        assert reverse("teaching:report", args=[question.pk]) in html
    question = deck.questions.first()
    client.post(reverse("teaching:report", args=[question.pk]), {"reason": "Wrong year."})
    assert question.reports.get().reporter == teacher


def test_a_removed_question_leaves_the_builders_list_and_the_decks_size(client, builder):
    teacher, deck = builder
    removed = deck.questions.first()
    removed.status = "rejected"
    removed.save()
    html = client.get(reverse("teaching:builder", args=[deck.pk])).content.decode()
    assert removed.prompt not in html
    assert client.get(reverse("teaching:teacher_decks")).context["own"].get(pk=deck.pk).size == 2


def test_item_analysis_offers_report_and_removal_for_every_question_of_the_own_deck(
    client, builder
):
    _, deck = builder
    url = reverse("teaching:deck_items", args=[deck.pk])
    html = client.get(url).content.decode()
    for question in deck.questions.all():
        assert reverse("teaching:report", args=[question.pk]) in html  # flagged or not
        assert reverse("teaching:deck_remove", args=[deck.pk, question.pk]) in html
    question = deck.questions.first()
    response = client.post(
        reverse("teaching:deck_remove", args=[deck.pk, question.pk]), {"next": url}
    )
    assert response["Location"] == url
    assert not deck.entries.filter(question=question).exists()
