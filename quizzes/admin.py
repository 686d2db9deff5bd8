from django.contrib import admin

from quizzes.models import (
    Card,
    Deck,
    DeckQuestion,
    Enrollment,
    QuizAnswer,
    QuizAttempt,
    ReviewLog,
)


class DeckQuestionInline(admin.TabularInline):
    model = DeckQuestion
    extra = 0
    raw_id_fields = ("question",)
    fields = ("position", "question")


@admin.register(Deck)
class DeckAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "visibility", "document", "topic", "size")
    list_filter = ("visibility", "document")
    search_fields = ("title",)
    inlines = (DeckQuestionInline,)
    raw_id_fields = ("owner",)

    @admin.display(description="Questions")
    def size(self, obj):
        return obj.entries.count()


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("user", "deck", "new_per_day", "max_reviews_per_day", "desired_retention")
    raw_id_fields = ("user", "deck")


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ("user", "question", "state", "due", "reps", "lapses")
    list_filter = ("state",)
    raw_id_fields = ("user", "question")


@admin.register(ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    list_display = ("user", "card", "rating", "correct", "reviewed_at", "undone_at")
    raw_id_fields = ("user", "card")

    # The log is append-only history.
    def has_change_permission(self, request, obj=None):
        return False


class QuizAnswerInline(admin.TabularInline):
    model = QuizAnswer
    extra = 0
    raw_id_fields = ("question",)


@admin.register(QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
    list_display = ("user", "deck", "correct", "total", "started_at", "finished_at")
    raw_id_fields = ("user", "deck")
    inlines = (QuizAnswerInline,)
