"""Every URL of the project, for every kind of visitor.

Other teachers get 404 (ids reveal nothing), students get 403 on teacher
pages, other students get 404 on a student's own objects, anonymous visitors go
to the login page (and an htmx request gets ``HX-Redirect`` to it). Object
URLs are filled with objects owned by the class's teacher and its member
student. A URL the matrix does not know fails ``test_every_url_is_in_the_matrix``.
"""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from quizzes.models import Card
from quizzes.services.decks import enrollment_create
from quizzes.services.quiz_attempts import quiz_start
from teaching.models import Announcement, Membership
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
    # The member studies the class's deck: an enrolment, its cards, a quiz.
    enrollment = enrollment_create(user=member, deck=assignment.deck)
    attempt = quiz_start(user=member, deck=assignment.deck, size=2)
    return {
        "enrollment": enrollment,
        "card": Card.objects.filter(user=member).order_by("pk").first(),
        "attempt": attempt,
        "entry": own_deck.entries.order_by("position").first(),
        "classroom": classroom,
        "assignment": assignment,
        "member": member,
        "deck": own_deck,
        "document": document,
        "draft": draft,
        "announcement": Announcement.objects.create(
            classroom=classroom, author=teacher, body="Quiz on Friday."
        ),
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
# "reached" means 200 or a redirect that is not to the login page.
LOGIN, OK, NOT_FOUND, FORBIDDEN, REACHED = "login", "ok", 404, 403, "reached"
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
    # The teacher pages the first matrix had left out.
    ("class_remove_student", "post", lambda w: [w["classroom"].pk, w["member"].pk], {},
     TEACHER_ONLY),
    ("class_announce", "post", lambda w: [w["classroom"].pk], {"body": "Test on Friday."},
     TEACHER_ONLY),
    ("deck_rename", "post", lambda w: [w["deck"].pk], {"title": "Renamed"}, TEACHER_ONLY),
    ("deck_remove", "post", lambda w: [w["deck"].pk, w["entry"].question_id], {}, TEACHER_ONLY),
    ("deck_move_up", "post", lambda w: [w["deck"].pk, w["entry"].question_id], {},
     TEACHER_ONLY),
    ("deck_move_down", "post", lambda w: [w["deck"].pk, w["entry"].question_id], {},
     TEACHER_ONLY),
    ("draft_approve", "post", lambda w: [w["draft"].pk], {}, TEACHER_ONLY),
    ("drafts_publish_scoring", "post", lambda w: [w["document"].pk],
     {"min_score": "0.5", "confirm": "1"}, TEACHER_ONLY),
    ("announcement_edit", "post", lambda w: [w["announcement"].pk], {"body": "Quiz on Monday."},
     TEACHER_ONLY),
    ("announcement_delete", "post", lambda w: [w["announcement"].pk], {}, TEACHER_ONLY),
    ("passages_include", "post", lambda w: [w["document"].pk], {}, TEACHER_ONLY),
    ("upload_retry", "post", lambda w: [w["document"].pk], {}, TEACHER_ONLY),
    ("deck_import", "get", lambda w: [], None, (LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
]
CASES = [(f"teaching:{name}", *rest) for name, *rest in CASES]

# Student pages (quizzes, content, accounts). The objects belong to the member
# student: every other visitor gets 404 on them, whatever their role.
EVERYONE = (LOGIN, OK, OK, OK, OK, OK)
MEMBERS_OWN = (LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND)
STUDENT_CASES = [
    ("quizzes:dashboard", "get", lambda w: [], None, EVERYONE),
    ("quizzes:deck_list", "get", lambda w: [], None, EVERYONE),
    ("quizzes:cards", "get", lambda w: [], None, EVERYONE),
    # Anyone signed in may fit their own memory model; it reads only their reviews.
    ("quizzes:memory_model_fit", "post", lambda w: [], {}, EVERYONE),
    # A student brings their own deck (and Anki history); teachers import on theirs.
    ("quizzes:deck_import", "get", lambda w: [], None,
     (LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("accounts:profile", "get", lambda w: [], None, EVERYONE),
    ("accounts:password_change", "get", lambda w: [], None, EVERYONE),
    ("accounts:password_change_done", "get", lambda w: [], None, EVERYONE),
    # The owner's private deck: only the owner (and admins) see it.
    ("quizzes:deck", "get", lambda w: [w["deck"].pk], None,
     (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)),
    ("quizzes:enroll", "post", lambda w: [w["deck"].pk], {},
     (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)),
    ("quizzes:deck_export", "get", lambda w: [w["deck"].pk, "csv"], None,
     (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)),
    ("quizzes:quiz_start", "post", lambda w: [w["deck"].pk], {},
     (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)),
    # What the member studies: their enrolment, cards and quiz.
    ("quizzes:deck_settings", "post", lambda w: [w["assignment"].deck_id], {}, MEMBERS_OWN),
    ("quizzes:study", "get", lambda w: [w["assignment"].deck_id], None, MEMBERS_OWN),
    ("quizzes:study_answer", "post", lambda w: [w["assignment"].deck_id, w["card"].pk],
     {"answer": "x"}, MEMBERS_OWN),
    ("quizzes:study_rate", "post", lambda w: [w["assignment"].deck_id, w["card"].pk],
     {"rating": "3"}, MEMBERS_OWN),
    ("quizzes:study_undo", "post", lambda w: [w["assignment"].deck_id], {}, MEMBERS_OWN),
    ("quizzes:custom_study", "get", lambda w: [w["assignment"].deck_id], None, MEMBERS_OWN),
    # With no custom session started, the card page sends the member to start one.
    ("quizzes:custom_card", "get", lambda w: [w["assignment"].deck_id], None,
     (LOGIN, NOT_FOUND, NOT_FOUND, REACHED, NOT_FOUND, NOT_FOUND)),
    ("quizzes:custom_answer", "post", lambda w: [w["assignment"].deck_id, w["card"].pk],
     {"answer": "x"}, MEMBERS_OWN),
    ("quizzes:custom_rate", "post", lambda w: [w["assignment"].deck_id, w["card"].pk],
     {"rating": "3"}, MEMBERS_OWN),
    ("quizzes:quiz", "get", lambda w: [w["attempt"].pk], None, MEMBERS_OWN),
    ("quizzes:quiz_result", "get", lambda w: [w["attempt"].pk], None, MEMBERS_OWN),
    ("quizzes:card", "get", lambda w: [w["card"].pk], None, MEMBERS_OWN),
    ("quizzes:card_action", "post", lambda w: [w["card"].pk, "flag"], {}, MEMBERS_OWN),
    ("quizzes:card_report", "post", lambda w: [w["card"].pk], {"reason": "Typo"}, MEMBERS_OWN),
    # The document behind the owner's unpublished upload.
    ("content:document", "get", lambda w: [w["document"].pk], None,
     (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)),
]
CASES += STUDENT_CASES

# Pages anyone may open, signed in or not (a GET is 200 for everyone).
PUBLIC = {
    "home": "the landing page sends each role on, anonymous visitors to the login",
    "healthz": "the load balancer's health check",
    "accounts:signup": "sign-up",
    "accounts:login": "login",
    "accounts:logout": "logout (POST only; a GET is 405)",
    "accounts:password_reset": "asking for a reset mail",
    "accounts:password_reset_done": "the reset mail was sent",
    "accounts:password_reset_confirm": "the link in the reset mail (its token is the check)",
    "accounts:password_reset_complete": "the reset is done",
}
# Not in the matrix, each with the reason.
NOT_IN_MATRIX = {
    "admin:": "Django's admin: every page needs is_staff (tested in "
              "test_the_admin_is_for_staff_only below)",
}


@pytest.mark.parametrize(("name", "method", "args", "data", "expected"), CASES,
                         ids=[c[0] for c in CASES])
@pytest.mark.parametrize("visitor", VISITORS)
def test_permission_matrix(client, world, name, method, args, data, expected, visitor):
    user = world["users"][visitor]
    if user is not None:
        client.force_login(user)
    url = reverse(name, args=args(world))
    payload = data(world) if callable(data) else data
    response = client.post(url, payload) if method == "post" else client.get(url)
    want = expected[VISITORS.index(visitor)]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif want == REACHED:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("accounts:login"))
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


def _url_names(patterns=None, namespace=""):
    """Every URL of the project by its full name ("app:name", or the resolver's
    namespace followed by ":" for a whole included site such as the admin)."""
    names = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if inner in NOT_IN_MATRIX:
                names.add(inner)
            else:
                names |= _url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            # Media files are served only in development, with no name.
            names.add(f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>")
    return names


def test_every_url_is_in_the_matrix():
    known = {case[0] for case in CASES} | set(PUBLIC) | set(NOT_IN_MATRIX)
    found = {n for n in _url_names() if not n.startswith("<unnamed")}
    assert found - known == set(), "new URLs: add them to the permission matrix"
    assert known - found == set(), "the matrix names URLs that no longer exist"


def test_the_matrix_covers_each_url_once():
    names = [case[0] for case in CASES]
    assert len(names) == len(set(names))
    assert not set(names) & set(PUBLIC)


PUBLIC_ARGS = {"accounts:password_reset_confirm": ["MQ", "set-password"]}


@pytest.mark.parametrize("name", sorted(PUBLIC))
@pytest.mark.parametrize("visitor", VISITORS)
def test_public_pages_open_for_every_visitor(client, world, name, visitor):
    user = world["users"][visitor]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, args=PUBLIC_ARGS.get(name, [])))
    if name == "accounts:logout":
        assert response.status_code == 405
    elif name == "healthz":
        # It reports the services' health (503 when one is down), to anyone alike.
        assert response.status_code in (200, 503)
    else:
        assert response.status_code in (200, 302)
        if response.status_code == 302 and user is not None:
            assert not response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "method", "args", "data", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_an_anonymous_htmx_request_is_sent_to_the_login_page(
    client, world, name, method, args, data, expected
):
    url = reverse(name, args=args(world))
    payload = data(world) if callable(data) else data
    send = client.post if method == "post" else client.get
    response = send(url, payload, headers={"HX-Request": "true"})
    if response.status_code in (403, 404):
        return
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("visitor", ["anonymous", "owner", "member", "admin"])
def test_the_admin_is_for_staff_only(client, world, visitor):
    user = world["users"][visitor]
    if user is not None:
        client.force_login(user)
    for url in ("/admin/", "/admin/content/document/", "/admin/quizzes/deck/"):
        response = client.get(url)
        if visitor == "admin":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, url
            assert "/admin/login/" in response["Location"]
