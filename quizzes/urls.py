from django.urls import path

from quizzes import teacher_views as teach
from quizzes import views
from quizzes.interop import views as interop

app_name = "quizzes"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("decks/", views.deck_list, name="deck_list"),
    path("decks/<int:deck_id>/", views.deck_detail, name="deck"),
    path("decks/<int:deck_id>/enroll/", views.deck_enroll, name="enroll"),
    path("decks/<int:deck_id>/settings/", views.deck_settings, name="deck_settings"),
    path("decks/<int:deck_id>/study/", views.study, name="study"),
    path(
        "decks/<int:deck_id>/study/<int:card_id>/answer/",
        views.study_answer,
        name="study_answer",
    ),
    path("decks/<int:deck_id>/study/<int:card_id>/rate/", views.study_rate, name="study_rate"),
    path("decks/<int:deck_id>/study/undo/", views.study_undo, name="study_undo"),
    path("decks/<int:deck_id>/quiz/", views.quiz_start, name="quiz_start"),
    path(
        "decks/<int:deck_id>/export/<str:fmt>/", interop.deck_export, name="deck_export"
    ),
    path("quiz/<int:attempt_id>/", views.quiz, name="quiz"),
    path("quiz/<int:attempt_id>/result/", views.quiz_result, name="quiz_result"),
    # Teachers
    path("teach/classes/", teach.class_list, name="class_list"),
    path("teach/classes/<int:class_id>/", teach.class_detail, name="class_detail"),
    path("teach/classes/<int:class_id>/code/", teach.class_rotate_code, name="class_rotate"),
    path("teach/classes/<int:class_id>/archive/", teach.class_archive, name="class_archive"),
    path(
        "teach/classes/<int:class_id>/students/<int:student_id>/remove/",
        teach.class_remove_student,
        name="class_remove_student",
    ),
    path(
        "teach/classes/<int:class_id>/students/<int:student_id>/",
        teach.student_detail,
        name="class_student",
    ),
    path("teach/classes/<int:class_id>/progress/", teach.class_progress, name="class_progress"),
    path(
        "teach/classes/<int:class_id>/assignments/",
        teach.assignment_create,
        name="assignment_create",
    ),
    path("teach/assignments/<int:assignment_id>/", teach.assignment_edit, name="assignment_edit"),
    path(
        "teach/assignments/<int:assignment_id>/close/",
        teach.assignment_close,
        name="assignment_close",
    ),
    path(
        "teach/assignments/<int:assignment_id>/items/",
        teach.assignment_items,
        name="assignment_items",
    ),
    path("teach/decks/", teach.teacher_decks, name="teacher_decks"),
    path("teach/decks/<int:deck_id>/", teach.deck_builder, name="builder"),
    path("teach/decks/<int:deck_id>/edit/", teach.deck_edit, name="deck_edit"),
    path("teach/decks/<int:deck_id>/copy/", teach.deck_copy, name="deck_copy"),
    path("teach/decks/<int:deck_id>/items/", teach.deck_items, name="deck_items"),
    path(
        "teach/questions/<int:question_id>/preview/",
        teach.question_preview,
        name="question_preview",
    ),
    path("teach/questions/<int:question_id>/report/", teach.question_report, name="report"),
    path("teach/questions/<int:question_id>/draft/", teach.draft_edit, name="draft_edit"),
    path("teach/upload/", teach.upload, name="upload"),
    path("teach/import/", interop.deck_import, name="deck_import"),
    path("teach/upload/<int:document_id>/", teach.upload_status, name="upload_status"),
    path(
        "teach/upload/<int:document_id>/publish/",
        teach.draft_publish,
        name="draft_publish",
    ),
    # Students
    path("join/", teach.join, name="join"),
    path("join/<str:code>/", teach.join_link, name="join_link"),
]
