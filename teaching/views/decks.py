"""The teacher's decks: the list, copies, and the deck builder."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from accounts.htmx import HtmxHttpRequest
from accounts.permissions import teacher_required
from accounts.redirects import safe_next
from content.models import live_q
from quizzes.models import Deck
from teaching import services
from teaching.forms import DeckForm, QuestionFilterForm
from teaching.selectors import (
    builder_choices,
    decks_assignable_by,
    decks_of_teacher,
    questions_matching,
    questions_visible_to,
)
from teaching.views.access import get_own_deck_for_user

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
@teacher_required
def teacher_decks(request: HtmxHttpRequest):
    form = DeckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deck = services.deck_create(owner=request.user, **form.cleaned_data)
        return redirect("teaching:builder", deck.pk)
    own, public = decks_of_teacher(request.user)
    return render(request, "teaching/decks.html", {"own": own, "public": public, "form": form})


@require_POST
@teacher_required
def deck_copy(request: HtmxHttpRequest, deck_id: int):
    source = get_object_or_404(decks_assignable_by(request.user), pk=deck_id)
    copy = services.deck_copy(deck=source, owner=request.user)
    messages.success(request, f"“{copy.title}” is yours to edit.")
    return redirect("teaching:builder", copy.pk)


def _entries(deck: Deck):
    """A deck's questions in order, as the builder lists them: the published ones,
    as students see the deck (a removed question leaves every deck at once)."""
    return (
        deck.entries.filter(live_q("question__"))
        .select_related("question", "question__passage__topic")
        .order_by("position", "id")
    )


@require_GET
@teacher_required
def deck_builder(request: HtmxHttpRequest, deck_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    form = QuestionFilterForm(request.GET or {}, choices=builder_choices(request.user))
    results = []
    if request.GET and form.is_valid():
        results = list(questions_matching(request.user, form.cleaned_data)[:PAGE_SIZE])
    context = {
        "deck": deck,
        "form": form,
        "results": results,
        "in_deck": set(deck.entries.values_list("question_id", flat=True)),
        "entries": _entries(deck),
        "query": urlencode({k: v for k, v in request.GET.items() if v}),
    }
    template = "teaching/builder.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    return render(request, template, context)


def _entries_changed(request: HtmxHttpRequest, deck: Deck):
    """After an add, remove or move: the deck's list for htmx, else back to the page."""
    if request.htmx:
        response = render(
            request, "teaching/builder.html#entries", {"deck": deck, "entries": _entries(deck)}
        )
        # The search results re-mark which questions are in the deck.
        return trigger_client_event(response, "deck-changed")
    return redirect(safe_next(request) or reverse("teaching:builder", args=[deck.pk]))


@require_POST
@teacher_required
def deck_add(request: HtmxHttpRequest, deck_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    try:
        question_id = int(request.POST.get("question", ""))
    except ValueError:
        question_id = None
    if question_id is not None:
        services.deck_add(deck=deck, question_ids=[question_id])
    return _entries_changed(request, deck)


@require_POST
@teacher_required
def deck_remove(request: HtmxHttpRequest, deck_id: int, question_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    services.deck_remove(deck=deck, question_id=question_id)
    return _entries_changed(request, deck)


@require_POST
@teacher_required
def deck_move(request: HtmxHttpRequest, deck_id: int, question_id: int, direction: str):
    deck = get_own_deck_for_user(request, deck_id)
    try:
        services.deck_move(
            deck=deck, question_id=question_id, direction=-1 if direction == "up" else 1
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    return _entries_changed(request, deck)


@require_POST
@teacher_required
def deck_visibility(request: HtmxHttpRequest, deck_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    public = request.POST.get("public") == "1"
    services.deck_set_visibility(deck=deck, public=public)
    messages.success(request, "The deck is public." if public else "The deck is private.")
    return redirect("teaching:builder", deck.pk)


@require_POST
@teacher_required
def deck_rename(request: HtmxHttpRequest, deck_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    form = DeckForm(request.POST)
    if form.is_valid():
        services.deck_rename(deck=deck, **form.cleaned_data)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("teaching:builder", deck.pk)


@require_GET
@teacher_required
def question_preview(request: HtmxHttpRequest, question_id: int):
    question = get_object_or_404(
        questions_visible_to(request.user).select_related("passage", "figure", "document"),
        pk=question_id,
    )
    return render(request, "teaching/question_preview.html", {"question": question})
