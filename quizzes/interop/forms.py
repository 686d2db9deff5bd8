from django import forms
from django.conf import settings

from quizzes.interop.decks import IMPORT_SUFFIXES


class DeckImportForm(forms.Form):
    file = forms.FileField(
        help_text="An Anki package (.apkg), a CSV or tab-separated file of terms and "
        "definitions (.csv, .tsv, .txt, as Quizlet exports), Moodle GIFT (.gift, .txt) or "
        f"Moodle XML (.xml), up to {settings.MAX_DOCUMENT_BYTES // (1024 * 1024)} MB."
    )
    title = forms.CharField(
        required=False, max_length=200,
        help_text="Optional. By default: “Imported: ” and the file's name.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_SUFFIXES):
            raise forms.ValidationError(
                "Recall imports .apkg, .csv, .tsv, .txt, .gift and .xml files."
            )
        if upload.size > settings.MAX_DOCUMENT_BYTES:
            limit = settings.MAX_DOCUMENT_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"This file is larger than the {limit} MB limit.")
        return upload


class OwnDeckImportForm(DeckImportForm):
    """A student's own deck: the import page for students, with their Anki history."""

    with_history = forms.BooleanField(
        required=False, initial=True, label="Keep my Anki review history",
        help_text="For an Anki package exported with “Include scheduling information” "
        "ticked: your cards keep the intervals you earned in Anki.",
    )
