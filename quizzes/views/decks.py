"""The student's decks: the list, a deck's page, enrolling and study settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.htmx import HtmxHttpRequest
from content.models import live_q
from quizzes import selectors, stats
from quizzes.forms import EnrollmentSettingsForm
from quizzes.models import Enrollment
from quizzes.services.decks import cards_sync, enrollment_create, enrollment_update
from quizzes.views.access import get_deck_for_user, get_enrollment_for_user


@login_required
@require_GET
def deck_list(request: HtmxHttpRequest):
    decks = stats.deck_list(request.user)
    return render(request, "quizzes/deck_list.html", {"decks": decks})


@login_required
@require_GET
def deck_detail(request: HtmxHttpRequest, deck_id: int):
    deck = get_deck_for_user(request, deck_id)
    enrollment = Enrollment.objects.filter(user=request.user, deck=deck).first()
    counts = preview = None
    if enrollment is not None:
        cards_sync(user=request.user, deck=deck)
        counts = selectors.deck_counts(request.user, enrollment, timezone.now())
    else:
        preview = selectors.deck_preview(deck)
    return render(
        request,
        "quizzes/deck.html",
        {
            "deck": deck,
            "enrollment": enrollment,
            "counts": counts,
            "preview": preview,
            "size": deck.entries.filter(live_q("question__")).count(),
            "settings_form": EnrollmentSettingsForm(instance=enrollment) if enrollment else None,
        },
    )


@login_required
@require_POST
def deck_enroll(request: HtmxHttpRequest, deck_id: int):
    deck = get_deck_for_user(request, deck_id)
    enrollment_create(user=request.user, deck=deck)
    messages.success(request, f"You are enrolled in “{deck.title}”.")
    # The button says "Enrol and start": the first card, not the deck page.
    return redirect("quizzes:study", deck_id=deck.pk)


@login_required
@require_POST
def deck_settings(request: HtmxHttpRequest, deck_id: int):
    enrollment = get_enrollment_for_user(request, deck_id)
    form = EnrollmentSettingsForm(request.POST, instance=enrollment)
    if form.is_valid():
        enrollment_update(enrollment=enrollment, **form.cleaned_data)
        messages.success(request, "Your study settings are saved.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("quizzes:deck", deck_id=deck_id)
