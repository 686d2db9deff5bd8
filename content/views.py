from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from content import selectors


def _get_document_for_user(request, document_id: int):
    return get_object_or_404(selectors.documents_visible_to(request.user), pk=document_id)


@login_required
@require_GET
def document_detail(request, document_id: int):
    document = _get_document_for_user(request, document_id)
    passages = selectors.document_passages(document)
    return render(
        request, "content/document.html", {"document": document, "passages": passages}
    )
