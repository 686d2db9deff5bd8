from django.urls import path

from quizzes import views
from quizzes.interop import views as interop

app_name = "quizzes"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("memory-model/fit/", views.memory_model_fit, name="memory_model_fit"),
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
    path("decks/<int:deck_id>/custom/", views.custom_study, name="custom_study"),
    path("decks/<int:deck_id>/custom/card/", views.custom_card, name="custom_card"),
    path(
        "decks/<int:deck_id>/custom/<int:card_id>/answer/",
        views.custom_answer,
        name="custom_answer",
    ),
    path("decks/<int:deck_id>/custom/<int:card_id>/rate/", views.custom_rate, name="custom_rate"),
    path("cards/", views.card_list, name="cards"),
    path("cards/<int:card_id>/", views.card_detail, name="card"),
    path("cards/<int:card_id>/report/", views.card_report, name="card_report"),
    path("cards/<int:card_id>/<str:action>/", views.card_action, name="card_action"),
]
