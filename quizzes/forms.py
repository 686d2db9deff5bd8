from django import forms

from content.reports import MAX_REASON
from quizzes.models import Enrollment


class ReportForm(forms.Form):
    """What is wrong with a question: teachers and students report with it."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_REASON}),
        max_length=MAX_REASON,
        strip=True,
        label="What is wrong with this question?",
    )


class AnswerForm(forms.Form):
    MAX_ANSWER = 500

    version = forms.IntegerField(min_value=0)
    answer = forms.CharField(required=False, max_length=MAX_ANSWER, strip=True)
    shown_at = forms.IntegerField(required=False, min_value=0)  # ms since epoch, for duration


class RateForm(forms.Form):
    version = forms.IntegerField(min_value=0)
    rating = forms.TypedChoiceField(
        choices=[(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")],
        coerce=int,
        error_messages={"required": "Choose Again, Hard, Good or Easy."},
    )
    answer = forms.CharField(required=False, max_length=500)
    correct = forms.NullBooleanField(required=False)
    duration_ms = forms.IntegerField(required=False, min_value=0)


class EnrollmentSettingsForm(forms.ModelForm):
    class Meta:
        model = Enrollment
        fields = ("new_per_day", "max_reviews_per_day", "desired_retention")
        labels = {
            "new_per_day": "New cards per day",
            "max_reviews_per_day": "Maximum reviews per day",
            "desired_retention": "Desired retention",
        }
        help_texts = {
            "desired_retention": "Between 0.70 and 0.97. Higher means more reviews and better "
            "recall; 0.90 suits most students.",
        }


class QuizAnswerForm(forms.Form):
    answer = forms.CharField(required=False, max_length=500, strip=True)


def posted_order(data) -> list[str]:
    """The timeline a student built: each item with the position they chose.

    Items come in page order and positions from the menus beside them; ties
    keep page order, so the ↑ ↓ buttons (which reorder the page) also work.
    """
    items = data.getlist("item")
    positions = data.getlist("position")
    ranked = []
    for index, item in enumerate(items):
        try:
            position = int(positions[index])
        except (IndexError, ValueError):
            position = index + 1
        ranked.append((position, index, item))
    return [item for _, _, item in sorted(ranked)]


class CustomStudyForm(forms.Form):
    MODES = [
        ("ahead", "Review ahead: cards due in the next 7 days"),
        ("failed", "The cards I failed today"),
        ("topic", "Cram one topic"),
    ]

    mode = forms.ChoiceField(choices=MODES, widget=forms.RadioSelect, initial="ahead",
                             label="What to study")
    topic = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Topic")
    count = forms.BooleanField(
        required=False,
        label="Count as reviews",
        help_text="Off: practice only, your schedule does not change. On: each answer is "
        "rated as in normal study and reschedules the card.",
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Choose a topic"), *((t.pk, t.name) for t in topics)]

    def clean(self):
        data = super().clean()
        if data.get("mode") == "topic" and not data.get("topic"):
            self.add_error("topic", "Choose the topic to cram.")
        return data
