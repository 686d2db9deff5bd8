"""Picture questions show their picture: to the student, on the teacher's drafts, in the admin."""

import re

import pytest
from django.urls import reverse

from tests.factories import (
    DeckFactory,
    FigureFactory,
    QuestionFactory,
    StudentFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture_question():
    figure = FigureFactory(passage__text="Winston Churchill in London in 1940.")
    return QuestionFactory(
        passage=figure.passage, figure=figure, type="image",
        prompt="Who is shown in this photograph?", answer="Winston Churchill",
        accepted=["Churchill"],
    )


def _img(html: str, src: str) -> str:
    match = re.search(rf'<img src="{re.escape(src)}"[^>]*>', html)
    assert match, f"no <img> for {src}"
    return match.group(0)


def test_the_study_page_shows_the_picture_sized_lazy_and_without_the_answer_in_its_alt(
    client, picture_question
):
    deck = DeckFactory(questions=[picture_question])
    client.force_login(StudentFactory())
    client.post(reverse("quizzes:enroll", args=[deck.pk]))

    for headers in ({}, {"HX-Request": "true"}):
        html = client.get(reverse("quizzes:study", args=[deck.pk]), headers=headers)
        html = html.content.decode()
        img = _img(html, picture_question.figure.image.url)
        assert 'loading="lazy"' in img
        assert 'width="400" height="300"' in img
        assert 'alt="… in London in 1940."' in img
        assert "Churchill" not in img


def test_a_question_whose_figure_has_no_picture_shows_none(client):
    figure = FigureFactory(image="", thumbnail="", width=None, height=None, sha256="")
    question = QuestionFactory(passage=figure.passage, figure=figure, type="cloze",
                               prompt="____ in London in 1940.", answer="Winston Churchill")
    deck = DeckFactory(questions=[question])
    client.force_login(StudentFactory())
    client.post(reverse("quizzes:enroll", args=[deck.pk]))
    html = client.get(reverse("quizzes:study", args=[deck.pk])).content.decode()
    assert "question-figure" not in html
    assert "____ in London in 1940." in html


def test_the_teachers_drafts_show_each_picture_questions_thumbnail(client, picture_question):
    teacher = TeacherFactory()
    document = picture_question.document
    document.created_by = teacher
    document.save()
    client.force_login(teacher)
    html = client.get(reverse("teaching:upload_status", args=[document.pk])).content.decode()
    img = _img(html, picture_question.figure.thumbnail.url)
    assert 'width="160" height="120"' in img
    assert "Winston Churchill in London in 1940." in html


def test_the_admin_shows_the_picture_on_the_question_and_figure_pages(admin_client,
                                                                      picture_question):
    figure = picture_question.figure
    pages = [
        reverse("admin:content_question_change", args=[picture_question.pk]),
        reverse("admin:content_question_changelist"),
        reverse("admin:content_figure_changelist"),
        reverse("admin:content_figure_change", args=[figure.pk]),
    ]
    for url in pages:
        html = admin_client.get(url).content.decode()
        assert _img(html, figure.thumbnail.url), url
    assert "400 × 300" in admin_client.get(pages[3]).content.decode()


def test_the_upload_form_lists_the_accepted_types(client):
    client.force_login(TeacherFactory())
    html = client.get(reverse("teaching:upload")).content.decode()
    assert 'accept=".txt,.md,.html,.htm,.docx,.pdf,.epub,.zip,.markdown"' in html
    assert ".docx" in html and ".pdf" in html and "Its pictures become figures" in html


def test_a_caption_cloze_is_shown_under_its_picture(client):
    figure = FigureFactory(passage__text="Winston Churchill in London in 1940.")
    question = QuestionFactory(passage=figure.passage, figure=figure, type="image",
                               prompt="Complete the caption of this picture: ____ in London "
                                      "in 1940.", answer="Winston Churchill")
    deck = DeckFactory(questions=[question])
    client.force_login(StudentFactory())
    client.post(reverse("quizzes:enroll", args=[deck.pk]))
    html = client.get(reverse("quizzes:study", args=[deck.pk])).content.decode()
    assert html.index('class="question-figure"') < html.index('id="prompt"')
