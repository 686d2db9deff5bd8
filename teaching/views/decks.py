"""The teacher's decks: the list, copies, and the deck builder."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import teacher_required
from quizzes.models import Deck
from teaching import services
from teaching.forms import DeckForm, QuestionFilterForm
from teaching.selectors import decks_assignable_by, questions_visible_to
from teaching.views.access import get_own_deck_for_user

PAGE_SIZE = 50


@teacher_required
def teacher_decks(request):
    form = DeckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deck = services.deck_create(owner=request.user, **form.cleaned_data)
        return redirect("teaching:builder", deck.pk)
    own = Deck.objects.filter(owner=request.user).annotate(size=Count("entries"))
    public = (
        Deck.objects.filter(visibility=Deck.Visibility.PUBLIC)
        .exclude(owner=request.user)
        .annotate(size=Count("entries"))
        .select_related("owner")
    )
    return render(request, "teaching/decks.html", {"own": own, "public": public, "form": form})


@require_POST
@teacher_required
def deck_copy(request, deck_id: int):
    source = get_object_or_404(decks_assignable_by(request.user), pk=deck_id)
    copy = services.deck_copy(deck=source, owner=request.user)
    messages.success(request, f"“{copy.title}” is yours to edit.")
    return redirect("teaching:builder", copy.pk)


def _filtered_questions(user, form: QuestionFilterForm):
    qs = questions_visible_to(user).select_related("passage__topic")
    if not form.is_valid():
        return qs.none()
    data = form.cleaned_data
    if data.get("q"):
        qs = qs.filter(Q(prompt__icontains=data["q"]) | Q(answer__icontains=data["q"]))
    if data.get("document"):
        qs = qs.filter(document=data["document"])
    if data.get("topic"):
        qs = qs.filter(passage__topic=data["topic"])
    if data.get("entity"):
        entity = data["entity"]
        qs = qs.filter(
            Q(fact__subject=entity) | Q(fact__object=entity) | Q(passage__mentions__entity=entity)
        ).distinct()
    if data.get("type"):
        qs = qs.filter(type=data["type"])
    return qs.order_by("document_id", "passage__order", "id")


def _entries(deck: Deck):
    """A deck's questions in order, as the builder lists them."""
    return deck.entries.select_related("question", "question__passage__topic").order_by(
        "position", "id"
    )


@teacher_required
def deck_builder(request, deck_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    form = QuestionFilterForm(request.GET or {})
    in_deck = set(deck.entries.values_list("question_id", flat=True))
    results = list(_filtered_questions(request.user, form)[:PAGE_SIZE]) if request.GET else []
    entries = _entries(deck)
    context = {
        "deck": deck,
        "form": form,
        "results": results,
        "in_deck": in_deck,
        "entries": entries,
        "query": urlencode({k: v for k, v in request.GET.items() if v}),
    }
    template = "teaching/builder.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    return render(request, template, context)


@require_POST
@teacher_required
def deck_edit(request, deck_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    action = request.POST.get("action", "")
    try:
        question_id = int(request.POST.get("question", "0") or 0)
    except ValueError:
        question_id = 0
    if action == "add" and question_id:
        services.deck_add(deck=deck, question_ids=[question_id])
    elif action == "remove" and question_id:
        services.deck_remove(deck=deck, question_id=question_id)
    elif action in ("up", "down") and question_id:
        try:
            services.deck_move(
                deck=deck, question_id=question_id, direction=-1 if action == "up" else 1
            )
        except ValueError as exc:
            messages.error(request, str(exc))
    elif action in ("share", "unshare"):
        services.deck_set_visibility(deck=deck, public=action == "share")
        messages.success(
            request, "The deck is public." if action == "share" else "The deck is private."
        )
    elif action == "rename":
        form = DeckForm(request.POST)
        if form.is_valid():
            deck.title = form.cleaned_data["title"]
            deck.description = form.cleaned_data["description"]
            deck.save(update_fields=["title", "description", "updated_at"])
        else:
            messages.error(request, "A deck needs a title.")
    else:
        messages.error(request, "That change was not understood.")
    if request.htmx and action in ("add", "remove", "up", "down"):
        entries = _entries(deck)
        response = render(
            request, "teaching/builder.html#entries", {"deck": deck, "entries": entries}
        )
        # The search results re-mark which questions are in the deck.
        response["HX-Trigger"] = "deck-changed"
        return response
    next_url = request.POST.get("next", "")
    if next_url.startswith(f"/teach/decks/{deck.pk}/"):
        return redirect(next_url)
    return redirect("teaching:builder", deck.pk)


@teacher_required
def question_preview(request, question_id: int):
    question = get_object_or_404(
        questions_visible_to(request.user).select_related("passage", "figure", "document"),
        pk=question_id,
    )
    return render(request, "teaching/question_preview.html", {"question": question})
