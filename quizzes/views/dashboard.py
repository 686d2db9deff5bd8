"""The student's own numbers: the dashboard, and fitting their memory model."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.htmx import HtmxHttpRequest
from quizzes import memory_model, stats
from quizzes.services import memory_model as memory_model_service


@login_required
@require_GET
def dashboard(request: HtmxHttpRequest):
    return render(request, "quizzes/dashboard.html", stats.dashboard(request.user))


# A fit takes a few seconds of CPU; a few a day is plenty, since beat refits weekly.
# The group is named so the limit's key does not depend on where the view lives.
@login_required
@require_POST
@ratelimit(key="user", rate="3/d", method="POST", group="quizzes:memory_model_fit")
def memory_model_fit(request: HtmxHttpRequest):
    try:
        model = memory_model_service.memory_model_fit(user=request.user)
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
