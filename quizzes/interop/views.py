"""Export a deck as a download."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from quizzes import selectors
from quizzes.interop import decks


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
