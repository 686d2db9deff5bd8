"""What a student may reach: decks visible to them, their enrolments and their own cards.

Anything else gives 404, so ids in URLs reveal nothing about other students.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.htmx import HtmxHttpRequest
from content.models import live_q
from quizzes import selectors
from quizzes.models import Card, Deck, Enrollment

RATING_LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def get_deck_for_user(request, deck_id: int) -> Deck:
    return get_object_or_404(selectors.decks_visible_to(request.user), pk=deck_id)


def get_enrollment_for_user(request, deck_id: int) -> Enrollment:
    # Enrolment implies the deck is visible to the user, so one query checks both.
    enrollment = (
        Enrollment.objects.select_related("deck").filter(user=request.user, deck_id=deck_id).first()
    )
    if enrollment is None:
        raise Http404("You are not enrolled in this deck.")
    return enrollment


def get_card_for_user(request, enrollment: Enrollment, card_id: int) -> Card:
    """A card of the enrolment's deck, ready to study (its question and memory model loaded)."""
    return get_object_or_404(
        selectors.deck_cards(request.user, enrollment.deck)
        .select_related(
            "question", "question__passage", "question__figure", "question__document",
            "user__memory_model",  # the personal FSRS parameters, in the same query
        )
        .defer(*selectors.HEAVY_TEXT),
        pk=card_id,
    )


def get_own_card_for_user(request, card_id: int) -> Card:
    """Any of the student's own live cards, whatever deck it came from (the card browser)."""
    return get_object_or_404(
        Card.objects.filter(live_q("question__"), user=request.user)
        .select_related("question", "question__passage", "question__document")
        .defer(*selectors.HEAVY_TEXT),
        pk=card_id,
    )


def render_page_or_partial(request: HtmxHttpRequest, template: str, partial: str, context: dict):
    """The whole page for a normal request, only the named partial for htmx."""
    name = f"{template}#{partial}" if request.htmx else template
    return render(request, name, context)
