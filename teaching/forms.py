from django import forms
from django.utils import timezone

from content.models import Question
from quizzes.models import DESCRIPTION_MAX
from teaching.models import Assignment
from teaching.selectors import BuilderChoices


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
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = Assignment.Goal.choices
        if editing:
            del self.fields["deck"]
        else:
            self.fields["deck"].queryset = decks

    def clean_due_at(self):
        due = self.cleaned_data["due_at"]
        if due <= timezone.now():
            raise forms.ValidationError("The due date must be in the future.")
        return due


class DeckForm(forms.Form):
    title = forms.CharField(max_length=200, strip=True)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=DESCRIPTION_MAX
    )


class QuestionFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=200)
    document = forms.ModelChoiceField(queryset=None, required=False, empty_label="Any document")
    topic = forms.ModelChoiceField(queryset=None, required=False, empty_label="Any topic")
    entity = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any person, place or event"
    )
    type = forms.ChoiceField(required=False)

    def __init__(self, *args, choices: BuilderChoices, **kwargs):
        # Each drop-down lists only what the teacher's visible questions come
        # from: another teacher's unpublished upload must not leak its names.
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = choices.documents
        self.fields["topic"].queryset = choices.topics
        self.fields["entity"].queryset = choices.entities
        self.fields["type"].choices = [("", "Any type"), *Question.Type.choices]


class DraftQuestionForm(forms.Form):
    prompt = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    answer = forms.CharField(max_length=500)


class DraftsPublishForm(forms.Form):
    """Publish every draft at or above a score; the teacher confirms the count first."""

    min_score = forms.FloatField(
        label="Publish every draft scoring at least",
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
        error_messages={
            "required": "Give a score from 0 to 1, such as 0.6.",
            "invalid": "A score is a number from 0 to 1, such as 0.6.",
            "min_value": "A score is a number from 0 to 1, such as 0.6.",
            "max_value": "A score is a number from 0 to 1, such as 0.6.",
        },
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class AnnouncementForm(forms.Form):
    body = forms.CharField(
        label="Announcement",
        max_length=500,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text="Up to 500 characters. Students see it on their dashboard and by email, "
        "unless they turned those emails off.",
    )
