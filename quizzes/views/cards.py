"""The student's card browser: the list, one card's history, its actions and reports."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.htmx import HtmxHttpRequest
from accounts.redirects import safe_next
from content import reports
from quizzes import selectors
from quizzes.forms import ReportForm
from quizzes.services.cards import card_bury, card_flag, card_reset, card_suspend
from quizzes.views.access import RATING_LABELS, get_own_card_for_user, render_page_or_partial

CARD_ACTIONS = {
    "suspend": ("The card is suspended: it stays out of your reviews until you unsuspend it.",
                lambda user, pk: card_suspend(user=user, card_id=pk, suspended=True)),
    "unsuspend": ("The card is back in your reviews.",
                  lambda user, pk: card_suspend(user=user, card_id=pk, suspended=False)),
    "bury": ("The card is buried until tomorrow.",
             lambda user, pk: card_bury(user=user, card_id=pk)),
    "flag": ("The card is flagged.",
             lambda user, pk: card_flag(user=user, card_id=pk, flagged=True)),
    "unflag": ("The flag is removed.",
               lambda user, pk: card_flag(user=user, card_id=pk, flagged=False)),
    "reset": ("The card is new again; its history is kept.",
              lambda user, pk: card_reset(user=user, card_id=pk)),
}
CARD_FILTERS = (("", "All cards"), ("flagged", "Flagged"), ("suspended", "Suspended"),
                ("hard", "Hard"))


def _parse_due(state: dict):
    try:
        return datetime.fromisoformat(state["due"])
    except (KeyError, TypeError, ValueError):
        return None


@login_required
@require_GET
def card_list(request: HtmxHttpRequest):
    query = request.GET.get("q", "").strip()[:200]
    show = request.GET.get("show", "")
    show = show if show in dict(CARD_FILTERS) else ""
    cards = selectors.cards_browse(request.user, query=query, show=show)
    page = Paginator(cards, 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "show": show, "filters": CARD_FILTERS,
               "now": timezone.now()}
    return render_page_or_partial(request, "quizzes/cards.html", "results", context)


@login_required
@require_GET
def card_detail(request: HtmxHttpRequest, card_id: int):
    card = get_own_card_for_user(request, card_id)
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
def card_action(request: HtmxHttpRequest, card_id: int, action: str):
    if action not in CARD_ACTIONS:
        raise Http404("No such action.")
    card = get_own_card_for_user(request, card_id)
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
def card_report(request: HtmxHttpRequest, card_id: int):
    card = get_own_card_for_user(request, card_id)
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
