
from django import forms
from django.contrib.auth.forms import BaseUserCreationForm

from accounts.models import User, known_timezones
from accounts.validators import validate_unconfusable_username


class SignUpForm(BaseUserCreationForm):
    email = forms.EmailField(required=True, help_text="Used only to reset your password.")

    # The address is not a model field of this form, so neither the form nor
    # the model's constraints check it against existing accounts: saying "this
    # email is taken" tells anyone who is registered. user_sign_up handles it.
    field_order = ["username", "first_name", "email", "password1", "password2"]

    class Meta:
        model = User
        fields = ("username", "first_name")
        labels = {"first_name": "Your name"}

    def clean_username(self) -> str:
        # UsernameField has already applied NFKC, so full-width and ligature
        # forms arrive folded to their plain letters.
        username = self.cleaned_data["username"]
        validate_unconfusable_username(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Try another one.")
        return username


def _timezone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(known_timezones())]


class ProfileForm(forms.ModelForm):
    timezone = forms.ChoiceField(
        choices=_timezone_choices,
        help_text="Your day of study starts at midnight in this time zone.",
    )

    class Meta:
        model = User
        fields = (
            "first_name",
            "last_name",
            "email",
            "timezone",
            "email_notifications",
            "email_announcements",
        )
        labels = {
            "email_notifications": "Email me about new assignments and due cards",
            "email_announcements": "Email me my teachers' class announcements",
        }

    def clean_email(self) -> str:
        # Signed in, the user may learn that an address is taken: the database
        # refuses it anyway, and this says so instead of a 500.
        email = self.cleaned_data["email"].strip()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another account uses this email address.")
        return email
