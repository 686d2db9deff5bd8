"""The landing page: it sends each role to its own app, so it sits above them all."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def home(request):
    # Students start where they study; staff pages grow with their roles.
    if request.user.is_student:
        return redirect("quizzes:dashboard")
    return render(request, "home.html")
