from django.urls import path

from quizzes.interop import views as interop
from quizzes.views import cards, custom_study, dashboard, decks, quiz, study

app_name = "quizzes"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("memory-model/fit/", dashboard.memory_model_fit, name="memory_model_fit"),
    path("decks/", decks.deck_list, name="deck_list"),
    path("decks/import/", interop.deck_import_own, name="deck_import"),
    path("decks/<int:deck_id>/", decks.deck_detail, name="deck"),
    path("decks/<int:deck_id>/enroll/", decks.deck_enroll, name="enroll"),
    path("decks/<int:deck_id>/settings/", decks.deck_settings, name="deck_settings"),
    path("decks/<int:deck_id>/study/", study.study, name="study"),
    path(
        "decks/<int:deck_id>/study/<int:card_id>/answer/",
        study.study_answer,
        name="study_answer",
    ),
    path("decks/<int:deck_id>/study/<int:card_id>/rate/", study.study_rate, name="study_rate"),
    path("decks/<int:deck_id>/study/undo/", study.study_undo, name="study_undo"),
    path("decks/<int:deck_id>/quiz/", quiz.quiz_start, name="quiz_start"),
    path(
        "decks/<int:deck_id>/export/<str:fmt>/", interop.deck_export, name="deck_export"
    ),
    path("quiz/<int:attempt_id>/", quiz.quiz, name="quiz"),
    path("quiz/<int:attempt_id>/result/", quiz.quiz_result, name="quiz_result"),
    path("decks/<int:deck_id>/custom/", custom_study.custom_study, name="custom_study"),
    path("decks/<int:deck_id>/custom/card/", custom_study.custom_card, name="custom_card"),
    path(
        "decks/<int:deck_id>/custom/<int:card_id>/answer/",
        custom_study.custom_answer,
        name="custom_answer",
    ),
    path(
        "decks/<int:deck_id>/custom/<int:card_id>/rate/",
        custom_study.custom_rate,
        name="custom_rate",
    ),
    path("cards/", cards.card_list, name="cards"),
    path("cards/<int:card_id>/", cards.card_detail, name="card"),
    path("cards/<int:card_id>/report/", cards.card_report, name="card_report"),
    path("cards/<int:card_id>/<str:action>/", cards.card_action, name="card_action"),
]
