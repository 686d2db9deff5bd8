"""Custom study: practice that leaves the schedule alone unless asked.

The chosen cards live in the session, so a practice run survives a reload.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.htmx import HtmxHttpRequest
from quizzes import selectors
from quizzes.forms import AnswerForm, CustomStudyForm, RateForm, posted_order
from quizzes.grading import grade
from quizzes.services.reviews import StaleCard, review_submit
from quizzes.views.access import RATING_LABELS, get_card_for_user, get_enrollment_for_user

CUSTOM = "custom_study"


def _custom_session(request: HtmxHttpRequest, deck_id: int) -> dict | None:
    session = request.session.get(CUSTOM)
    return session if session and session.get("deck") == deck_id else None


@login_required
@require_http_methods(["GET", "POST"])
def custom_study(request: HtmxHttpRequest, deck_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    form = CustomStudyForm(request.POST or None, topics=selectors.deck_topics(enrollment.deck))
    if request.method == "POST" and form.is_valid():
        ids = selectors.custom_study_cards(
            request.user, enrollment, mode=form.cleaned_data["mode"], now=timezone.now(),
            topic_id=form.cleaned_data.get("topic"),
        )
        if ids:
            request.session[CUSTOM] = {
                "deck": deck_id, "ids": ids, "count": form.cleaned_data["count"], "done": 0,
            }
            return redirect("quizzes:custom_card", deck_id=deck_id)
        form.add_error(None, "No card fits that choice. Try another.")
    return render(
        request, "quizzes/custom_study.html",
        {"deck": enrollment.deck, "form": form, "step": "choose"},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def custom_card(request: HtmxHttpRequest, deck_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    session = _custom_session(request, deck_id)
    if session is None:
        return redirect("quizzes:custom_study", deck_id=deck_id)
    context = {"deck": enrollment.deck, "session": session, "step": "done"}
    if session["ids"]:
        card = get_card_for_user(request, enrollment, session["ids"][0])
        context.update(step="front", card=card, question=card.question)
    return render(request, "quizzes/custom_study.html", context)


@login_required
@require_POST
def custom_answer(request: HtmxHttpRequest, deck_id: int, card_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    session = _custom_session(request, deck_id)
    if session is None or card_id not in session["ids"]:
        return redirect("quizzes:custom_study", deck_id=deck_id)
    card = get_card_for_user(request, enrollment, card_id)
    form = AnswerForm(request.POST)
    given = form.cleaned_data["answer"] if form.is_valid() else ""
    result = grade(card.question, given, order=posted_order(request.POST))
    context = {
        "deck": enrollment.deck, "session": session, "step": "back", "card": card,
        "question": card.question, "grade": result, "suggested": result.suggested_rating,
        "ratings": list(RATING_LABELS.items()),
    }
    return render(request, "quizzes/custom_study.html", context)


@login_required
@require_POST
def custom_rate(request: HtmxHttpRequest, deck_id: int, card_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    session = _custom_session(request, deck_id)
    form = RateForm(request.POST)
    if session is None or not session["ids"] or session["ids"][0] != card_id:
        return redirect("quizzes:custom_card", deck_id=deck_id)
    if not form.is_valid():
        messages.error(request, "Choose how well you remembered the card.")
        return redirect("quizzes:custom_card", deck_id=deck_id)
    rating = form.cleaned_data["rating"]
    if session["count"]:
        try:
            review_submit(
                user=request.user, card_id=card_id, version=form.cleaned_data["version"],
                rating=rating, answer=form.cleaned_data["answer"],
                correct=form.cleaned_data["correct"], duration_ms=0,
                desired_retention=enrollment.desired_retention,
            )
        except StaleCard as exc:
            messages.info(request, str(exc))
    session["ids"].pop(0)
    if rating == 1:
        session["ids"].append(card_id)  # a cram shows a missed card again at the end
    session["done"] += 1
    request.session[CUSTOM] = session
    return redirect("quizzes:custom_card", deck_id=deck_id)
