from django.urls import path

from teaching.views import classes, decks, joining, progress, uploads

app_name = "teaching"

urlpatterns = [
    path("teach/classes/", classes.class_list, name="class_list"),
    path("teach/classes/<int:class_id>/", classes.class_detail, name="class_detail"),
    path("teach/classes/<int:class_id>/code/", classes.class_rotate_code, name="class_rotate"),
    path("teach/classes/<int:class_id>/archive/", classes.class_archive, name="class_archive"),
    path(
        "teach/classes/<int:class_id>/students/<int:student_id>/remove/",
        classes.class_remove_student,
        name="class_remove_student",
    ),
    path(
        "teach/classes/<int:class_id>/students/<int:student_id>/",
        progress.student_detail,
        name="class_student",
    ),
    path("teach/classes/<int:class_id>/progress/", progress.class_progress, name="class_progress"),
    path(
        "teach/classes/<int:class_id>/announce/", classes.class_announce, name="class_announce"
    ),
    path(
        "teach/announcements/<int:announcement_id>/",
        classes.announcement_edit,
        name="announcement_edit",
    ),
    path(
        "teach/announcements/<int:announcement_id>/delete/",
        classes.announcement_delete,
        name="announcement_delete",
    ),
    path(
        "teach/classes/<int:class_id>/assignments/",
        classes.assignment_create,
        name="assignment_create",
    ),
    path("teach/assignments/<int:assignment_id>/", classes.assignment_edit, name="assignment_edit"),
    path(
        "teach/assignments/<int:assignment_id>/close/",
        classes.assignment_close,
        name="assignment_close",
    ),
    path(
        "teach/assignments/<int:assignment_id>/items/",
        progress.assignment_items,
        name="assignment_items",
    ),
    path("teach/decks/", decks.teacher_decks, name="teacher_decks"),
    path("teach/decks/<int:deck_id>/", decks.deck_builder, name="builder"),
    path("teach/decks/<int:deck_id>/add/", decks.deck_add, name="deck_add"),
    path(
        "teach/decks/<int:deck_id>/questions/<int:question_id>/remove/",
        decks.deck_remove,
        name="deck_remove",
    ),
    path(
        "teach/decks/<int:deck_id>/questions/<int:question_id>/up/",
        decks.deck_move,
        {"direction": "up"},
        name="deck_move_up",
    ),
    path(
        "teach/decks/<int:deck_id>/questions/<int:question_id>/down/",
        decks.deck_move,
        {"direction": "down"},
        name="deck_move_down",
    ),
    path("teach/decks/<int:deck_id>/visibility/", decks.deck_visibility, name="deck_visibility"),
    path("teach/decks/<int:deck_id>/rename/", decks.deck_rename, name="deck_rename"),
    path("teach/decks/<int:deck_id>/copy/", decks.deck_copy, name="deck_copy"),
    path("teach/decks/<int:deck_id>/items/", progress.deck_items, name="deck_items"),
    path(
        "teach/questions/<int:question_id>/preview/",
        decks.question_preview,
        name="question_preview",
    ),
    path("teach/questions/<int:question_id>/report/", progress.question_report, name="report"),
    path("teach/questions/<int:question_id>/draft/", uploads.draft_edit, name="draft_edit"),
    path(
        "teach/questions/<int:question_id>/draft/publish/",
        uploads.draft_approve,
        name="draft_approve",
    ),
    path(
        "teach/upload/<int:document_id>/include/",
        uploads.passages_include,
        name="passages_include",
    ),
    path(
        "teach/questions/<int:question_id>/draft/reject/",
        uploads.draft_reject,
        name="draft_reject",
    ),
    path(
        "teach/upload/<int:document_id>/drafts/publish/",
        uploads.drafts_publish_scoring,
        name="drafts_publish_scoring",
    ),
    path("teach/upload/", uploads.upload, name="upload"),
    path("teach/import/", uploads.deck_import, name="deck_import"),
    path("teach/upload/<int:document_id>/", uploads.upload_status, name="upload_status"),
    path("teach/upload/<int:document_id>/retry/", uploads.upload_retry, name="upload_retry"),
    path(
        "teach/upload/<int:document_id>/publish/",
        uploads.draft_publish,
        name="draft_publish",
    ),
    path("join/", joining.join, name="join"),
    path("join/<str:code>/", joining.join_link, name="join_link"),
]
