"""Every teacher URL, for every kind of visitor.

Other teachers get 404 (ids reveal nothing), students get 403, anonymous
visitors go to the login page.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from teaching.models import Membership
from tests.factories import (
    AdminFactory,
    AssignmentFactory,
    DocumentFactory,
    MembershipFactory,
    QuestionFactory,
    StudentFactory,
    TeacherFactory,
    deck_with_questions,
)

pytestmark = pytest.mark.django_db

VISITORS = ("anonymous", "owner", "other_teacher", "member", "non_member", "admin")


@pytest.fixture
def world():
    assignment = AssignmentFactory(deck=deck_with_questions(2))
    classroom = assignment.classroom
    teacher = classroom.teacher
    member = MembershipFactory(classroom=classroom).student
    own_deck = deck_with_questions(2, owner=teacher, visibility="private")
    document = DocumentFactory(created_by=teacher)
    draft = QuestionFactory(passage__document=document)
    return {
        "classroom": classroom,
        "assignment": assignment,
        "member": member,
        "deck": own_deck,
        "document": document,
        "draft": draft,
        "users": {
            "anonymous": None,
            "owner": teacher,
            "other_teacher": TeacherFactory(),
            "member": member,
            "non_member": StudentFactory(),
            "admin": AdminFactory(),
        },
    }


def _future():
    return (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


# (name, method, args(world), data(world), expected per visitor in VISITORS order)
# "ok" means 200 for GET and a redirect (302) for POST.
LOGIN, OK, NOT_FOUND, FORBIDDEN = "login", "ok", 404, 403
TEACHER_ONLY = (LOGIN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, OK)
CASES = [
    ("class_list", "get", lambda w: [], None, (LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("class_detail", "get", lambda w: [w["classroom"].pk], None, TEACHER_ONLY),
    ("class_progress", "get", lambda w: [w["classroom"].pk], None, TEACHER_ONLY),
    ("class_student", "get", lambda w: [w["classroom"].pk, w["member"].pk], None, TEACHER_ONLY),
    ("class_rotate", "post", lambda w: [w["classroom"].pk], {}, TEACHER_ONLY),
    ("class_archive", "post", lambda w: [w["classroom"].pk], {"archived": "0"}, TEACHER_ONLY),
    ("assignment_create", "post", lambda w: [w["classroom"].pk],
     lambda w: {"deck": w["deck"].pk, "due_at": _future(), "goal": "studied",
                "goal_percent": 80}, TEACHER_ONLY),
    ("assignment_edit", "get", lambda w: [w["assignment"].pk], None, TEACHER_ONLY),
    ("assignment_items", "get", lambda w: [w["assignment"].pk], None, TEACHER_ONLY),
    ("assignment_close", "post", lambda w: [w["assignment"].pk], {}, TEACHER_ONLY),
    ("teacher_decks", "get", lambda w: [], None, (LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("builder", "get", lambda w: [w["deck"].pk], None, TEACHER_ONLY),
    ("deck_items", "get", lambda w: [w["deck"].pk], None, TEACHER_ONLY),
    ("deck_visibility", "post", lambda w: [w["deck"].pk], {"public": "1"}, TEACHER_ONLY),
    ("deck_add", "post", lambda w: [w["deck"].pk], lambda w: {"question": w["draft"].pk},
     TEACHER_ONLY),
    ("deck_copy", "post", lambda w: [w["deck"].pk], {}, TEACHER_ONLY),
    ("upload", "get", lambda w: [], None, (LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("upload_status", "get", lambda w: [w["document"].pk], None, TEACHER_ONLY),
    ("draft_edit", "post", lambda w: [w["draft"].pk], {"prompt": "Q?", "answer": "A"},
     TEACHER_ONLY),
    ("draft_reject", "post", lambda w: [w["draft"].pk], {}, TEACHER_ONLY),
    ("draft_publish", "post", lambda w: [w["document"].pk], {"title": "Mine"}, TEACHER_ONLY),
    ("question_preview", "get", lambda w: [w["draft"].pk], None, TEACHER_ONLY),
    ("report", "post", lambda w: [w["draft"].pk], {"reason": "Typo"}, TEACHER_ONLY),
    ("join", "get", lambda w: [], None, (LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("join_link", "get", lambda w: [w["classroom"].code], None,
     (LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
]


@pytest.mark.parametrize(("name", "method", "args", "data", "expected"), CASES,
                         ids=[c[0] for c in CASES])
@pytest.mark.parametrize("visitor", VISITORS)
def test_permission_matrix(client, world, name, method, args, data, expected, visitor):
    user = world["users"][visitor]
    if user is not None:
        client.force_login(user)
    url = reverse(f"teaching:{name}", args=args(world))
    payload = data(world) if callable(data) else data
    response = client.post(url, payload) if method == "post" else client.get(url)
    want = expected[VISITORS.index(visitor)]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif want == OK:
        assert response.status_code == (302 if method == "post" else 200), response.content[:300]
        if method == "post":
            assert not response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want


# Form fields: every drop-down lists only what the visitor may see. (page,
# args(world), the names it must not leak to another teacher, and which
# visitors may see them.)
FORM_FIELD_CASES = [
    ("builder", lambda w, deck: [deck.pk],
     lambda w: [w["document"].title, w["draft"].passage.topic.name, w["entity"].name]),
    ("class_detail", lambda w, classroom: [classroom.pk], lambda w: [w["deck"].title]),
]


@pytest.mark.parametrize(("name", "args", "secrets"), FORM_FIELD_CASES,
                         ids=[c[0] for c in FORM_FIELD_CASES])
@pytest.mark.parametrize(("visitor", "sees"),
                         [("owner", True), ("other_teacher", False), ("admin", True)])
def test_form_fields_offer_only_what_the_visitor_may_see(
    client, world, name, args, secrets, visitor, sees
):
    from tests.factories import ClassroomFactory, EntityFactory

    world["entity"] = EntityFactory(name="Zebulon Pike")
    world["draft"].passage.topic.name = "The Unpublished Expedition"
    world["draft"].passage.topic.save()
    world["document"].title = "Lewis and Clark, unpublished"
    world["document"].save()
    world["draft"].passage.mentions.create(entity=world["entity"], start=0, end=5, text="Zebul")
    user = world["users"][visitor]
    client.force_login(user)
    # Each visitor opens the page on an object of their own.
    own = deck_with_questions(0, owner=user, visibility="private")
    mine = ClassroomFactory(teacher=user)
    target = own if name == "builder" else mine
    page = client.get(reverse(f"teaching:{name}", args=args(world, target))).content.decode()
    for secret in secrets(world):
        assert (secret in page) is sees, secret


def test_another_teachers_grid_never_shows_this_class(client, world):
    client.force_login(world["users"]["other_teacher"])
    response = client.get(reverse("teaching:class_progress", args=[world["classroom"].pk]))
    assert response.status_code == 404
    assert world["member"].username not in response.content.decode()


def test_removing_a_student_needs_the_owner(client, world):
    url = reverse("teaching:class_remove_student", args=[world["classroom"].pk, world["member"].pk])
    client.force_login(world["users"]["other_teacher"])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(student=world["member"]).exists()
    client.force_login(world["users"]["owner"])
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(student=world["member"]).exists()


def test_a_teacher_cannot_see_another_teachers_draft_questions_in_the_builder(client, world):
    other = world["users"]["other_teacher"]
    own = deck_with_questions(0, owner=other, visibility="private")
    client.force_login(other)
    response = client.get(
        reverse("teaching:builder", args=[own.pk]), {"q": world["draft"].prompt[:20]}
    )
    assert world["draft"] not in response.context["results"]
    # Adding it by id does nothing either.
    client.post(reverse("teaching:deck_add", args=[own.pk]), {"question": world["draft"].pk})
    assert not own.entries.exists()


def test_a_report_never_redirects_off_site(client, world):
    client.force_login(world["users"]["owner"])
    response = client.post(
        reverse("teaching:report", args=[world["draft"].pk]),
        {"reason": "Typo", "next": "https://evil.example/phish"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("teaching:teacher_decks")
    response = client.post(
        reverse("teaching:report", args=[world["draft"].pk]),
        {"reason": "Typo again", "next": "/teach/decks/"},
    )
    assert response["Location"] == "/teach/decks/"
