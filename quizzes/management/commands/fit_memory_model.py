from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from quizzes import memory_model
from quizzes.models import ReviewLog


class Command(BaseCommand):
    help = (
        "Fit personal FSRS parameters to a student's own reviews and print how they do "
        "against the defaults on the latest 20% of reviews. Nothing is stored: the weekly task and "
        "the profile's button store fits (quizzes.services.memory_model.memory_model_fit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--min-reviews", type=int, default=memory_model.MIN_REVIEWS)

    def handle(self, *args, username, min_reviews, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user “{username}”.")
        rows = (
            ReviewLog.objects.filter(user=user, undone_at__isnull=True)
            .values_list("card_id", "reviewed_at", "rating")
            .iterator(chunk_size=5000)
        )
        reviews = [memory_model.Review(card, at, rating) for card, at, rating in rows]
        try:
            result = memory_model.fit(reviews, min_reviews=min_reviews)
        except memory_model.NotEnoughReviews as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(result.summary())
        self.stdout.write("Parameters: " + ", ".join(f"{w:.4f}" for w in result.parameters))
