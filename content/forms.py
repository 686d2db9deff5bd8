from django import forms
from django.conf import settings

from content import services
from content.ingest.errors import IngestError

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

    def store(self, *, created_by) -> services.ImportOutcome | None:
        """Hand a valid form's file to the upload service; a refusal becomes a field error."""
        try:
            return services.document_upload(
                data=self.data_bytes, filename=self.cleaned_data["file"].name, created_by=created_by
            )
        except IngestError as exc:
            self.add_error("file", str(exc))
            return None
