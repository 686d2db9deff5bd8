from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from quizzes import memory_model
from quizzes.services.memory_model import memory_model_fit


def describe(model) -> str:
    """One line per fit, in the words the profile uses."""
    verdict = ("in use" if model.in_use
               else "defaults kept: the fit is no better on the latest reviews")
    return (
        f"Memory model: fitted on {model.reviews} reviews, log loss "
        f"{model.log_loss_before:.4f} → {model.log_loss_after:.4f}, RMSE "
        f"{model.rmse_before:.4f} → {model.rmse_after:.4f} ({verdict})"
    )


class Command(BaseCommand):
    help = (
        "Fit personal FSRS parameters to students' own reviews and store them, as the "
        "profile's button and the weekly task do (quizzes.services.memory_model). They "
        "are used only when they beat the defaults on the latest 20% of reviews."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--user", help="The username of one student.")
        which.add_argument(
            "--all", action="store_true",
            help=f"Every user with at least MEMORY_MODEL_MIN_REVIEWS "
            f"({settings.MEMORY_MODEL_MIN_REVIEWS}) reviews.",
        )

    def handle(self, *args, **options):
        if options["user"] is not None:
            self._fit_one(options["user"])
        else:
            self._fit_all()

    def _fit_one(self, username: str) -> None:
        student = get_user_model().objects.filter(username=username).first()
        if student is None:
            raise CommandError(f"There is no user “{username}”.")
        try:
            model = memory_model_fit(user=student)
        except memory_model.NotEnoughReviews as exc:
            raise CommandError(f"{username}: not fitted. {exc}") from exc
        self.stdout.write(f"{username}: {describe(model)}")

    def _fit_all(self) -> None:
        needed = settings.MEMORY_MODEL_MIN_REVIEWS
        standing = Count("review_logs", filter=Q(review_logs__undone_at__isnull=True))
        users = (
            get_user_model().objects.annotate(reviews=standing)
            .filter(reviews__gt=0).order_by("username")
        )
        ready = [u for u in users if u.reviews >= needed]
        fitted = 0
        for student in ready:
            try:
                model = memory_model_fit(user=student)
            except memory_model.NotEnoughReviews as exc:
                # Enough reviews, but too few on separate days to fit and check a model.
                self.stdout.write(f"{student.username}: not fitted. {exc}")
                continue
            fitted += 1
            self.stdout.write(f"{student.username}: {describe(model)}")
        waiting = len(users) - len(ready)
        self.stdout.write(
            f"Fitted {fitted} of {len(ready)} users with at least {needed} reviews"
            + (f"; {waiting} more have fewer reviews and were left alone." if waiting else ".")
        )
