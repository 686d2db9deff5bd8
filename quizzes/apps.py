from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A student may read the document behind a deck they can study, so a
        # card's source link works; content learns this without importing quizzes.
        from content.selectors import readers_register
        from quizzes.selectors import documents_behind_decks_q

        readers_register(documents_behind_decks_q)
