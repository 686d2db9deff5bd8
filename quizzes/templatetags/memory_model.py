"""The profile's memory-model line: accounts sits below quizzes, so its page loads this tag."""

from django import template
from django.conf import settings

from quizzes.models import MemoryModel, ReviewLog

register = template.Library()


@register.inclusion_tag("quizzes/_memory_model.html")
def memory_model_panel(user):
    model = MemoryModel.objects.filter(user=user).first()
    reviews = None
    if model is None:
        reviews = ReviewLog.objects.filter(user=user, undone_at__isnull=True).count()
    return {
        "model": model,
        "reviews": reviews,
        "needed": settings.MEMORY_MODEL_MIN_REVIEWS,
    }
