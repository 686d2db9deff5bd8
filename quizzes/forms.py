from django import forms

from quizzes.models import Enrollment


class AnswerForm(forms.Form):
    version = forms.IntegerField(min_value=0)
    answer = forms.CharField(required=False, max_length=500, strip=True)
    shown_at = forms.IntegerField(required=False, min_value=0)  # ms since epoch, for duration
    reveal = forms.BooleanField(required=False)  # self-graded: "Show answer"


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


class ClassroomForm(forms.Form):
    name = forms.CharField(max_length=120, label="Class name", strip=True)


class JoinForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Class code",
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )


class AssignmentForm(forms.Form):
    deck = forms.ModelChoiceField(queryset=None, empty_label="Choose a deck")
    due_at = forms.DateTimeField(
        label="Due",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    goal = forms.ChoiceField(choices=[])
    goal_percent = forms.IntegerField(
        min_value=1,
        max_value=100,
        initial=80,
        label="Goal percent",
        help_text="For mastery and quiz goals.",
    )
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, decks=None, editing: bool = False, **kwargs):
        from quizzes.models import Assignment

        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = Assignment.Goal.choices
        if editing:
            del self.fields["deck"]
        else:
            self.fields["deck"].queryset = decks

    def clean_due_at(self):
        from django.utils import timezone

        due = self.cleaned_data["due_at"]
        if due <= timezone.now():
            raise forms.ValidationError("The due date must be in the future.")
        return due


class DeckForm(forms.Form):
    title = forms.CharField(max_length=200, strip=True)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class QuestionFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=200)
    document = forms.ModelChoiceField(queryset=None, required=False, empty_label="Any document")
    topic = forms.ModelChoiceField(queryset=None, required=False, empty_label="Any topic")
    entity = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any person, place or event"
    )
    type = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        from content.models import Document, Entity, Topic
        from quizzes.models import Question

        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = Document.objects.filter(status="done").order_by("title")
        self.fields["topic"].queryset = Topic.objects.order_by("name")
        self.fields["entity"].queryset = Entity.objects.order_by("name")
        self.fields["type"].choices = [("", "Any type"), *Question.Type.choices]


class ReportForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        label="What is wrong with this question?",
    )


class DraftQuestionForm(forms.Form):
    prompt = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    answer = forms.CharField(max_length=500)
