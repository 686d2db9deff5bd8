from django import forms
from django.conf import settings

ALLOWED_SUFFIXES = (".txt", ".md", ".markdown")


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        help_text="A plain-text (.txt) or Markdown (.md) document, UTF-8, up to "
        f"{settings.MAX_DOCUMENT_BYTES // (1024 * 1024)} MB."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("Only .txt and .md documents can be imported.")
        if upload.size > settings.MAX_DOCUMENT_BYTES:
            limit = settings.MAX_DOCUMENT_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"This file is larger than the {limit} MB limit.")
        # The content itself is checked once, by the upload service (it parses
        # the text anyway); its IngestError comes back as an error on this field.
        self.data_bytes = upload.read()
        return upload
