"""Export a deck as a download; a student brings their own deck in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.htmx import HtmxHttpRequest
from accounts.permissions import role_required
from quizzes import selectors
from quizzes.interop import decks, services
from quizzes.interop.cards import FormatError
from quizzes.interop.forms import OwnDeckImportForm


def may_export(user, deck) -> bool:
    """The deck's owner, its enrolled students, and admins."""
    return user.is_admin or deck.owner_id == user.pk or deck.enrollments.filter(user=user).exists()


@login_required
@require_GET
def deck_export(request, deck_id: int, fmt: str):
    if fmt not in decks.FORMATS:
        raise Http404("Unknown export format.")
    deck = selectors.decks_visible_to(request.user).filter(pk=deck_id).first()
    if deck is None:
        raise Http404("No such deck.")
    if not may_export(request.user, deck):
        raise PermissionDenied("Enrol in this deck to export it.")
    data, _ = decks.export_deck(deck, fmt)
    response = HttpResponse(data, content_type=decks.FORMATS[fmt].content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{decks.export_filename(deck, fmt)}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Teachers import for their classes on teaching:deck_import (drafts to review).
# A student's file is their own deck, and its Anki history is theirs too: the
# review history in an .apkg belongs to whoever reviewed in Anki and exported it.
@ratelimit(key="user", rate="30/h", method="POST")
@require_http_methods(["GET", "POST"])
@role_required("student")
def deck_import_own(request: HtmxHttpRequest):
    form = OwnDeckImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with_history = form.cleaned_data["with_history"]
        try:
            result = decks.read_file(upload.name, upload.file)
        except FormatError as exc:
            form.add_error("file", str(exc))
        else:
            own = services.deck_import_own(
                result=result, user=request.user, filename=upload.name,
                title=form.cleaned_data["title"] or None, with_history=with_history,
            )
            for line in own.messages:
                messages.success(request, line)
            for warning in own.imported.warnings:
                messages.warning(request, warning)
            if with_history and not result.history and result.source == "apkg":
                messages.info(request, "This package has no review history: in Anki, export "
                              "it with “Include scheduling information” ticked to keep it.")
            return redirect(own.deck)
    status = 400 if form.errors else 200
    return render(request, "quizzes/deck_import.html", {"form": form}, status=status)
