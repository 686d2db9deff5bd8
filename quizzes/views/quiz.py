"""Quizzes: starting one from a deck, answering its questions, and the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.htmx import HtmxHttpRequest
from quizzes import selectors
from quizzes.forms import QuizAnswerForm, posted_order
from quizzes.grading import grade
from quizzes.models import QuizAttempt
from quizzes.services import quiz_attempts
from quizzes.views.access import get_deck_for_user


def _get_attempt_for_user(request: HtmxHttpRequest, attempt_id: int) -> QuizAttempt:
    return get_object_or_404(
        QuizAttempt.objects.select_related("deck"), pk=attempt_id, user=request.user
    )


@login_required
@require_POST
def quiz_start(request: HtmxHttpRequest, deck_id: int):
    deck = get_deck_for_user(request, deck_id)
    try:
        size = int(request.POST.get("size", 10))
    except ValueError:
        size = 10
    try:
        attempt = quiz_attempts.quiz_start(user=request.user, deck=deck, size=size)
    except quiz_attempts.EmptyDeck as exc:
        messages.error(request, str(exc))
        return redirect("quizzes:deck", deck_id=deck.pk)
    url = reverse("quizzes:quiz", args=[attempt.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request: HtmxHttpRequest, attempt_id: int):
    attempt = _get_attempt_for_user(request, attempt_id)
    if attempt.finished_at:
        return redirect("quizzes:quiz_result", attempt_id=attempt.pk)
    question = quiz_attempts.quiz_next_question(attempt=attempt)
    if request.method == "POST" and question is not None:
        form = QuizAnswerForm(request.POST)
        if form.is_valid() and str(question.pk) == request.POST.get("question"):
            quiz_attempts.quiz_answer(
                attempt=attempt,
                question=question,
                grade=grade(
                    question, form.cleaned_data["answer"], order=posted_order(request.POST)
                ),
            )
        return redirect("quizzes:quiz", attempt_id=attempt.pk)
    if question is None:
        quiz_attempts.quiz_finish(attempt=attempt)
        return redirect("quizzes:quiz_result", attempt_id=attempt.pk)
    answered = attempt.answers.count()
    return render(
        request,
        "quizzes/quiz.html",
        {"attempt": attempt, "question": question, "number": answered + 1},
    )


@login_required
@require_GET
def quiz_result(request: HtmxHttpRequest, attempt_id: int):
    attempt = _get_attempt_for_user(request, attempt_id)
    answers = attempt.answers.select_related(
        "question", "question__passage", "question__document"
    ).defer(*selectors.HEAVY_TEXT)
    return render(request, "quizzes/quiz_result.html", {"attempt": attempt, "answers": answers})
