"""Who may reach what: teachers see their own classes, decks and uploads.

Objects that are not the teacher's give 404, so ids in URLs reveal nothing
about other classes. Admins reach everything.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from content.models import Document
from quizzes.models import Deck
from teaching.models import Announcement, Assignment, Classroom


def get_classroom_for_user(request, class_id: int) -> Classroom:
    qs = Classroom.objects.select_related("teacher")
    if not request.user.is_admin:
        qs = qs.filter(teacher=request.user)
    return get_object_or_404(qs, pk=class_id)


def get_assignment_for_user(request, assignment_id: int) -> Assignment:
    qs = Assignment.objects.select_related("classroom", "deck")
    if not request.user.is_admin:
        qs = qs.filter(classroom__teacher=request.user)
    return get_object_or_404(qs, pk=assignment_id)


def get_own_deck_for_user(request, deck_id: int) -> Deck:
    """A deck the teacher may edit: their own (admins: any teacher-made deck)."""
    qs = Deck.objects.all()
    if not request.user.is_admin:
        qs = qs.filter(owner=request.user)
    return get_object_or_404(qs, pk=deck_id)


def get_document_for_user(request, document_id: int) -> Document:
    qs = Document.objects.all()
    if not request.user.is_admin:
        qs = qs.filter(created_by=request.user)
    return get_object_or_404(qs, pk=document_id)


def get_announcement_for_user(request, announcement_id: int) -> Announcement:
    """An announcement the teacher posted (admins: any)."""
    qs = Announcement.objects.select_related("classroom__teacher")
    if not request.user.is_admin:
        qs = qs.filter(author=request.user, classroom__teacher=request.user)
    return get_object_or_404(qs, pk=announcement_id)
