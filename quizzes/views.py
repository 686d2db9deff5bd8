import math
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_ratelimit.decorators import ratelimit

from accounts.redirects import safe_next
from content import reports
from content.models import live_q
from quizzes import memory_model, scheduling, selectors, services, stats
from quizzes.forms import (
    AnswerForm,
    CustomStudyForm,
    EnrollmentSettingsForm,
    QuizAnswerForm,
    RateForm,
    ReportForm,
    posted_order,
)
from quizzes.grading import grade
from quizzes.models import Card, Deck, Enrollment, QuizAttempt


def _get_deck_for_user(request, deck_id: int) -> Deck:
    return get_object_or_404(selectors.decks_visible_to(request.user), pk=deck_id)


def _get_enrollment_for_user(request, deck_id: int) -> Enrollment:
    # Enrolment implies the deck is visible to the user, so one query checks both.
    enrollment = (
        Enrollment.objects.select_related("deck").filter(user=request.user, deck_id=deck_id).first()
    )
    if enrollment is None:
        raise Http404("You are not enrolled in this deck.")
    return enrollment


def _get_card_for_user(request, enrollment: Enrollment, card_id: int) -> Card:
    return get_object_or_404(
        selectors.deck_cards(request.user, enrollment.deck)
        .select_related(
            "question", "question__passage", "question__figure", "question__document",
            "user__memory_model",  # the personal FSRS parameters, in the same query
        )
        .defer(*selectors.HEAVY_TEXT),
        pk=card_id,
    )


def _render(request, template: str, partial: str, context: dict):
    """The whole page for a normal request, only the named partial for htmx."""
    name = f"{template}#{partial}" if request.htmx else template
    return render(request, name, context)


@login_required
@require_GET
def deck_list(request):
    decks = stats.deck_list(request.user)
    return render(request, "quizzes/deck_list.html", {"decks": decks})


@login_required
@require_GET
def deck_detail(request, deck_id: int):
    deck = _get_deck_for_user(request, deck_id)
    enrollment = Enrollment.objects.filter(user=request.user, deck=deck).first()
    counts = preview = None
    if enrollment is not None:
        services.cards_sync(user=request.user, deck=deck)
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
def deck_enroll(request, deck_id: int):
    deck = _get_deck_for_user(request, deck_id)
    services.enrollment_create(user=request.user, deck=deck)
    messages.success(request, f"You are enrolled in “{deck.title}”.")
    # The button says "Enrol and start": the first card, not the deck page.
    return redirect("quizzes:study", deck_id=deck.pk)


@login_required
@require_POST
def deck_settings(request, deck_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
    form = EnrollmentSettingsForm(request.POST, instance=enrollment)
    if form.is_valid():
        services.enrollment_update(enrollment=enrollment, **form.cleaned_data)
        messages.success(request, "Your study settings are saved.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("quizzes:deck", deck_id=deck_id)


def _front_context(request, enrollment: Enrollment, *, ahead: bool = False) -> dict:
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
def study(request, deck_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
    ahead = request.GET.get("ahead") == "1"
    return _render(
        request, "quizzes/study.html", "card", _front_context(request, enrollment, ahead=ahead)
    )


@login_required
@require_POST
def study_answer(request, deck_id: int, card_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
    card = _get_card_for_user(request, enrollment, card_id)
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
        services.card_state(card), now, desired_retention=enrollment.desired_retention,
        parameters=services.fitted_parameters(card.user),
    )
    ratings = [
        {"value": value, "label": label, "interval": scheduling.format_interval(previews[value])}
        for value, label in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy"))
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
    return _render(request, "quizzes/study_back.html", "back", context)


@login_required
@require_POST
def study_rate(request, deck_id: int, card_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose Again, Hard, Good or Easy to rate the card.")
        return _redirect_to_study(request, deck_id)
    try:
        services.review_submit(
            user=request.user,
            card_id=card_id,
            version=form.cleaned_data["version"],
            rating=form.cleaned_data["rating"],
            answer=form.cleaned_data["answer"],
            correct=form.cleaned_data["correct"],
            duration_ms=form.cleaned_data["duration_ms"] or 0,
            desired_retention=enrollment.desired_retention,
        )
    except services.StaleCard as exc:
        messages.info(request, str(exc))
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    return _redirect_to_study(request, deck_id)


@login_required
@require_POST
def study_undo(request, deck_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
    try:
        services.review_undo(user=request.user)
        messages.success(request, "Undone: the last card is back.")
    except services.NothingToUndo as exc:
        messages.info(request, str(exc))
    return _redirect_to_study(request, enrollment.deck_id)


def _redirect_to_study(request, deck_id: int):
    """Post/redirect/get. htmx follows the redirect with its headers intact, so it
    receives the next card as a partial; a plain form post gets the whole page."""
    return redirect("quizzes:study", deck_id=deck_id)


@login_required
@require_POST
def quiz_start(request, deck_id: int):
    deck = _get_deck_for_user(request, deck_id)
    try:
        size = int(request.POST.get("size", 10))
    except ValueError:
        size = 10
    try:
        attempt = services.quiz_start(user=request.user, deck=deck, size=size)
    except services.EmptyDeck as exc:
        messages.error(request, str(exc))
        return redirect("quizzes:deck", deck_id=deck.pk)
    url = reverse("quizzes:quiz", args=[attempt.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _get_attempt_for_user(request, attempt_id: int) -> QuizAttempt:
    return get_object_or_404(
        QuizAttempt.objects.select_related("deck"), pk=attempt_id, user=request.user
    )


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request, attempt_id: int):
    attempt = _get_attempt_for_user(request, attempt_id)
    if attempt.finished_at:
        return redirect("quizzes:quiz_result", attempt_id=attempt.pk)
    question = services.quiz_next_question(attempt=attempt)
    if request.method == "POST" and question is not None:
        form = QuizAnswerForm(request.POST)
        if form.is_valid() and str(question.pk) == request.POST.get("question"):
            services.quiz_answer(
                attempt=attempt,
                question=question,
                grade=grade(
                    question, form.cleaned_data["answer"], order=posted_order(request.POST)
                ),
            )
        return redirect("quizzes:quiz", attempt_id=attempt.pk)
    if question is None:
        services.quiz_finish(attempt=attempt)
        return redirect("quizzes:quiz_result", attempt_id=attempt.pk)
    answered = attempt.answers.count()
    return render(
        request,
        "quizzes/quiz.html",
        {"attempt": attempt, "question": question, "number": answered + 1},
    )


@login_required
@require_GET
def quiz_result(request, attempt_id: int):
    attempt = _get_attempt_for_user(request, attempt_id)
    answers = attempt.answers.select_related(
        "question", "question__passage", "question__document"
    ).defer(*selectors.HEAVY_TEXT)
    return render(request, "quizzes/quiz_result.html", {"attempt": attempt, "answers": answers})


# A fit takes a few seconds of CPU; a few a day is plenty, since beat refits weekly.
@login_required
@require_POST
@ratelimit(key="user", rate="3/d", method="POST")
def memory_model_fit(request):
    try:
        model = services.memory_model_fit(user=request.user)
    except memory_model.NotEnoughReviews as exc:
        messages.info(request, str(exc))
    else:
        if model.in_use:
            messages.success(request, "Your memory model is fitted; your reviews now use it.")
        else:
            messages.info(
                request, "Your memory model is fitted but no better than the defaults yet, "
                "so the defaults stay."
            )
    return redirect("accounts:profile")


@login_required
@require_GET
def dashboard(request):
    return render(request, "quizzes/dashboard.html", stats.dashboard(request.user))


# -- the student's card browser ---------------------------------------------------

CARD_ACTIONS = {
    "suspend": ("The card is suspended: it stays out of your reviews until you unsuspend it.",
                lambda user, pk: services.card_suspend(user=user, card_id=pk, suspended=True)),
    "unsuspend": ("The card is back in your reviews.",
                  lambda user, pk: services.card_suspend(user=user, card_id=pk, suspended=False)),
    "bury": ("The card is buried until tomorrow.",
             lambda user, pk: services.card_bury(user=user, card_id=pk)),
    "flag": ("The card is flagged.",
             lambda user, pk: services.card_flag(user=user, card_id=pk, flagged=True)),
    "unflag": ("The flag is removed.",
               lambda user, pk: services.card_flag(user=user, card_id=pk, flagged=False)),
    "reset": ("The card is new again; its history is kept.",
              lambda user, pk: services.card_reset(user=user, card_id=pk)),
}
CARD_FILTERS = (("", "All cards"), ("flagged", "Flagged"), ("suspended", "Suspended"),
                ("hard", "Hard"))


RATING_LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def _parse_due(state: dict):
    try:
        return datetime.fromisoformat(state["due"])
    except (KeyError, TypeError, ValueError):
        return None


def _get_own_card_for_user(request, card_id: int) -> Card:
    return get_object_or_404(
        Card.objects.filter(live_q("question__"), user=request.user)
        .select_related("question", "question__passage", "question__document")
        .defer(*selectors.HEAVY_TEXT),
        pk=card_id,
    )


@login_required
@require_GET
def card_list(request):
    query = request.GET.get("q", "").strip()[:200]
    show = request.GET.get("show", "")
    show = show if show in dict(CARD_FILTERS) else ""
    cards = selectors.cards_browse(request.user, query=query, show=show)
    page = Paginator(cards, 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "show": show, "filters": CARD_FILTERS,
               "now": timezone.now()}
    return _render(request, "quizzes/cards.html", "results", context)


@login_required
@require_GET
def card_detail(request, card_id: int):
    card = _get_own_card_for_user(request, card_id)
    context = {
        "card": card,
        "question": card.question,
        "history": [
            {
                "log": log,
                "rating": RATING_LABELS.get(log.rating, log.rating),
                "due": _parse_due(log.state_after),
            }
            for log in selectors.card_history(card)[:100]
        ],
        "now": timezone.now(),
    }
    return render(request, "quizzes/card.html", context)


@login_required
@require_POST
def card_action(request, card_id: int, action: str):
    if action not in CARD_ACTIONS:
        raise Http404("No such action.")
    card = _get_own_card_for_user(request, card_id)
    message, act = CARD_ACTIONS[action]
    act(request.user, card.pk)
    messages.success(request, message)
    return redirect("quizzes:card", card_id=card.pk)


# A student reports a card's question (from the card's back); the admins see it
# with the teachers' reports. 30 an hour is far beyond honest use.
REPORT_RATE = "30/h"
REPORT_THANKS = "Thank you: the question is reported, and an admin will look at it."


@login_required
@require_POST
@ratelimit(key="user", rate=REPORT_RATE, method="POST", group="quizzes:card_report")
def card_report(request, card_id: int):
    card = _get_own_card_for_user(request, card_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        reports.question_report(
            question=card.question, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        sent, message = True, REPORT_THANKS
    elif "reason" in form.errors and request.POST.get("reason", "").strip():
        sent, message = False, f"Keep the reason under {reports.MAX_REASON} characters."
    else:
        sent, message = False, "Say what is wrong with the question, so an admin can fix it."
    if request.htmx:
        context = {"card": card, "form": form, "sent": sent, "message": message,
                   "next": safe_next(request)}
        return render(request, "quizzes/_report.html", context)
    (messages.success if sent else messages.error)(request, message)
    return redirect(safe_next(request) or reverse("quizzes:card", args=[card.pk]))


# -- custom study: practice that leaves the schedule alone unless asked -------------

CUSTOM = "custom_study"


def _custom_session(request, deck_id: int) -> dict | None:
    session = request.session.get(CUSTOM)
    return session if session and session.get("deck") == deck_id else None


@login_required
@require_http_methods(["GET", "POST"])
def custom_study(request, deck_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
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
def custom_card(request, deck_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
    session = _custom_session(request, deck_id)
    if session is None:
        return redirect("quizzes:custom_study", deck_id=deck_id)
    context = {"deck": enrollment.deck, "session": session, "step": "done"}
    if session["ids"]:
        card = _get_card_for_user(request, enrollment, session["ids"][0])
        context.update(step="front", card=card, question=card.question)
    return render(request, "quizzes/custom_study.html", context)


@login_required
@require_POST
def custom_answer(request, deck_id: int, card_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
    session = _custom_session(request, deck_id)
    if session is None or card_id not in session["ids"]:
        return redirect("quizzes:custom_study", deck_id=deck_id)
    card = _get_card_for_user(request, enrollment, card_id)
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
def custom_rate(request, deck_id: int, card_id: int):
    enrollment = _get_enrollment_for_user(request, deck_id)
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
            services.review_submit(
                user=request.user, card_id=card_id, version=form.cleaned_data["version"],
                rating=rating, answer=form.cleaned_data["answer"],
                correct=form.cleaned_data["correct"], duration_ms=0,
                desired_retention=enrollment.desired_retention,
            )
        except services.StaleCard as exc:
            messages.info(request, str(exc))
    session["ids"].pop(0)
    if rating == 1:
        session["ids"].append(card_id)  # a cram shows a missed card again at the end
    session["done"] += 1
    request.session[CUSTOM] = session
    return redirect("quizzes:custom_card", deck_id=deck_id)
