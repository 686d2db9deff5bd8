"""Double clicks: the same POST several times at once, through a live server on PostgreSQL.

Each request runs in its own server thread with its own database connection,
as under gunicorn, so the races are real ones (SQLite would serialise them).
"""

import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Deck, DeckQuestion
from teaching.models import Assignment
from tests.factories import (
    ClassroomFactory,
    DocumentFactory,
    MembershipFactory,
    QuestionFactory,
    TeacherFactory,
    deck_with_questions,
)
from tests.services import need

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CSRF = "a" * 32  # an unmasked secret, sent as both cookie and header


@pytest.fixture(autouse=True)
def _postgresql():
    need(connection.vendor == "postgresql", "these races need PostgreSQL (set DATABASE_URL)")


def _fire(live_server, user, path: str, data: dict, times: int) -> list[int]:
    """POST the same form ``times`` times at once; the status codes, in any order."""
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}"
    body = urllib.parse.urlencode(data).encode()
    barrier = threading.Barrier(times)
    codes: list[int] = []

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def post():
        request = urllib.request.Request(
            live_server.url + path, data=body,
            headers={"Cookie": cookie, "X-CSRFToken": CSRF},
        )
        barrier.wait()
        try:
            codes.append(opener.open(request, timeout=30).status)
        except urllib.error.HTTPError as exc:
            codes.append(exc.code)

    threads = [threading.Thread(target=post) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_adding_a_question_four_times_at_once_adds_it_once(live_server):
    teacher = TeacherFactory()
    deck = deck_with_questions(1, owner=teacher, visibility="private")
    question = QuestionFactory()
    codes = _fire(
        live_server, teacher, reverse("teaching:deck_add", args=[deck.pk]),
        {"question": question.pk}, times=4,
    )
    assert 500 not in codes and len(codes) == 4, codes
    assert DeckQuestion.objects.filter(deck=deck, question=question).count() == 1
    positions = list(deck.entries.values_list("position", flat=True))
    assert len(positions) == len(set(positions)) == 2


def test_assigning_a_deck_four_times_at_once_makes_one_assignment(live_server):
    classroom = ClassroomFactory()
    MembershipFactory(classroom=classroom)
    deck = deck_with_questions(2)
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    codes = _fire(
        live_server, classroom.teacher,
        reverse("teaching:assignment_create", args=[classroom.pk]),
        {"deck": deck.pk, "due_at": due, "goal": "studied", "goal_percent": 80}, times=4,
    )
    assert 500 not in codes and len(codes) == 4, codes
    assert Assignment.objects.filter(classroom=classroom, deck=deck).count() == 1


def test_publishing_drafts_three_times_at_once_makes_one_deck(live_server):
    teacher = TeacherFactory()
    document = DocumentFactory(created_by=teacher)
    QuestionFactory.create_batch(3, passage__document=document)
    codes = _fire(
        live_server, teacher, reverse("teaching:draft_publish", args=[document.pk]),
        {"title": "Printing"}, times=3,
    )
    assert 500 not in codes and len(codes) == 3, codes
    assert Deck.objects.filter(owner=teacher).count() == 1
    assert Deck.objects.get(owner=teacher).entries.count() == 3
