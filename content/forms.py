from django import forms
from django.conf import settings

from content import services
from content.ingest.errors import IngestError
from content.ingest.readers import ACCEPTED_EXTENSIONS

ALLOWED_SUFFIXES = (*ACCEPTED_EXTENSIONS, ".markdown")
_LISTED = ", ".join(ACCEPTED_EXTENSIONS[:-1]) + f" or {ACCEPTED_EXTENSIONS[-1]}"


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        help_text=f"A document ({_LISTED}: text, Markdown, a web page, a Word file, a PDF, "
        "an e-book, or a saved page or Markdown with its pictures as a .zip), up to "
        f"{settings.MAX_DOCUMENT_BYTES // (1024 * 1024)} MB. Its pictures become figures.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(f"Only these documents can be imported: {_LISTED}.")
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
