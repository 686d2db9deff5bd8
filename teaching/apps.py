from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "teaching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The student dashboard (quizzes) shows assignment deadlines without
        # importing this app: teaching hands it the function that finds them.
        from quizzes import stats
        from teaching.selectors import (
            announcements_for_student,
            classrooms_of_student,
            open_assignments_by_deck,
        )

        stats.deadlines_register(open_assignments_by_deck)
        stats.announcements_register(announcements_for_student)
        stats.classes_register(classrooms_of_student)
