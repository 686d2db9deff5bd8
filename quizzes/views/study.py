"""Studying a deck: the card's front, its back with the grade, the rating, and undo."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.htmx import HtmxHttpRequest
from quizzes import scheduling, selectors, stats
from quizzes.forms import AnswerForm, RateForm, posted_order
from quizzes.grading import grade
from quizzes.models import Card, Enrollment
from quizzes.services.memory_model import fitted_parameters
from quizzes.services.reviews import (
    NothingToUndo,
    StaleCard,
    card_state,
    review_submit,
    review_undo,
)
from quizzes.views.access import (
    RATING_LABELS,
    get_card_for_user,
    get_enrollment_for_user,
    render_page_or_partial,
)


def _front_context(
    request: HtmxHttpRequest, enrollment: Enrollment, *, ahead: bool = False
) -> dict:
    now = timezone.now()
    counts = selectors.deck_counts(request.user, enrollment, now)
    card = selectors.next_card(request.user, enrollment, now, counts, ahead=ahead)
    context = {
        "deck": enrollment.deck,
        "enrollment": enrollment,
        "counts": counts,
        "card": card,
        "ahead": ahead,
        "shown_at": int(now.timestamp() * 1000),
    }
    if card is None:
        context["summary"] = stats.session_summary(request.user, enrollment.deck, now)
        pending = selectors.learning_pending(request.user, enrollment, now)
        if pending.count:
            wait = max(1, math.ceil((pending.first_due - now).total_seconds()))
            context["pending"] = pending
            context["wait_seconds"] = wait
            context["wait_minutes"] = math.ceil(wait / 60)
    return context


@login_required
@require_GET
def study(request: HtmxHttpRequest, deck_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    ahead = request.GET.get("ahead") == "1"
    return render_page_or_partial(
        request, "quizzes/study.html", "card", _front_context(request, enrollment, ahead=ahead)
    )


@login_required
@require_POST
def study_answer(request: HtmxHttpRequest, deck_id: int, card_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    card = get_card_for_user(request, enrollment, card_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        if "answer" in form.errors:
            messages.error(
                request,
                f"Your answer is longer than {AnswerForm.MAX_ANSWER} characters. "
                "Shorten it and try again.",
            )
        else:
            messages.error(request, "That answer could not be read. Please try again.")
        return _redirect_to_study(request, deck_id)
    if form.cleaned_data["version"] != card.version:
        messages.info(request, "You already answered that card; here is the next one.")
        return _redirect_to_study(request, deck_id)
    result = grade(card.question, form.cleaned_data["answer"], order=posted_order(request.POST))
    now = timezone.now()
    shown_at = form.cleaned_data.get("shown_at")
    duration_ms = int(now.timestamp() * 1000) - shown_at if shown_at else 0
    previews = scheduling.preview(
        card_state(card), now, desired_retention=enrollment.desired_retention,
        parameters=fitted_parameters(card.user),
    )
    ratings = [
        {"value": value, "label": label, "interval": scheduling.format_interval(previews[value])}
        for value, label in RATING_LABELS.items()
    ]
    context = {
        "deck": enrollment.deck,
        "card": card,
        "question": card.question,
        "grade": result,
        "ratings": ratings,
        "suggested": result.suggested_rating,
        "duration_ms": max(0, duration_ms),
    }
    return render_page_or_partial(request, "quizzes/study_back.html", "back", context)


@login_required
@require_POST
def study_rate(request: HtmxHttpRequest, deck_id: int, card_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose Again, Hard, Good or Easy to rate the card.")
        return _redirect_to_study(request, deck_id)
    try:
        review_submit(
            user=request.user,
            card_id=card_id,
            version=form.cleaned_data["version"],
            rating=form.cleaned_data["rating"],
            answer=form.cleaned_data["answer"],
            correct=form.cleaned_data["correct"],
            duration_ms=form.cleaned_data["duration_ms"] or 0,
            desired_retention=enrollment.desired_retention,
        )
    except StaleCard as exc:
        messages.info(request, str(exc))
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    return _redirect_to_study(request, deck_id)


@login_required
@require_POST
def study_undo(request: HtmxHttpRequest, deck_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    try:
        review_undo(user=request.user)
        messages.success(request, "Undone: the last card is back.")
    except NothingToUndo as exc:
        messages.info(request, str(exc))
    return _redirect_to_study(request, enrollment.deck_id)


def _redirect_to_study(request: HtmxHttpRequest, deck_id: int):
    """Post/redirect/get. htmx follows the redirect with its headers intact, so it
    receives the next card as a partial; a plain form post gets the whole page."""
    return redirect("quizzes:study", deck_id=deck_id)
