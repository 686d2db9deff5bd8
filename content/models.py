import re

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse

from content.generation import types as generated
from content.ingest import types as extracted
from content.validators import validate_image_file


class Document(models.Model):
    class Status(models.TextChoices):
        # The import's state machine (content/imports.py): each status names the
        # first step not yet finished, so a redelivered task resumes there.
        QUEUED = "queued", "Queued"
        EXTRACTING = "extracting", "Reading"
        GENERATING = "generating", "Drafting questions"
        READY = "ready", "Imported"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=255)
    source_name = models.CharField(max_length=255, help_text="The uploaded file's name.")
    format = models.CharField(max_length=20, blank=True, help_text="The layout the parser saw.")
    raw_text = models.TextField()
    # The uploaded file as it came, for formats whose pictures and layout the
    # text alone loses (HTML, DOCX, PDF, EPUB, bundles): the import re-reads it.
    original = models.FileField(upload_to="documents/", blank=True, editable=False)
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    # Touched while a worker makes progress; the reaper requeues an import
    # whose heartbeat has stopped (a killed worker, a lost message).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # How many times the reaper has requeued it; after IMPORT_MAX_ATTEMPTS it fails.
    attempts = models.PositiveSmallIntegerField(default=0)
    # The Celery task that holds the import: its own redelivered message may
    # resume at once, while a duplicate message leaves a live run alone.
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="documents",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:document", args=[self.pk])


class Topic(models.Model):
    """An article a document is organised by; shared across documents."""

    name = models.CharField(max_length=255)
    key = models.CharField(max_length=255, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Passage(models.Model):
    class Kind(models.TextChoices):
        CAPTION = extracted.CAPTION, "Caption"
        EXCERPT = extracted.EXCERPT, "Excerpt"
        SENTENCE = extracted.SENTENCE, "Sentence"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="passages"
    )
    # Identity across re-imports: a hash of kind and cleaned text.
    key = models.CharField(max_length=40, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(help_text="Cleaned text, as students see it.")
    raw_text = models.TextField(blank=True)
    order = models.PositiveIntegerField()
    occurrences = models.PositiveSmallIntegerField(default=1)
    sensitive = models.BooleanField(default=False)
    sensitive_reason = models.CharField(max_length=255, blank=True)
    # Set when an admin decides the flag; re-imports then leave it alone.
    sensitive_reviewed = models.BooleanField(default=False)

    class Meta:
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="unique_passage_per_document")
        ]
        indexes = [models.Index(fields=["document", "order"])]

    def __str__(self) -> str:
        return self.text[:80]


class Figure(models.Model):
    """A picture of a document with its caption passage.

    Imported pictures are stored once per content (``figures/<sha[:2]>/<sha>.webp``),
    so the same picture in many documents costs one file; ``sha256`` is empty
    when an admin uploaded the image by hand, and re-imports then keep it.
    """

    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="figures"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="figures"
    )
    passage = models.OneToOneField(Passage, on_delete=models.CASCADE, related_name="figure")
    order = models.PositiveIntegerField(default=0, help_text="Position in its document.")
    image = models.ImageField(
        upload_to="figures/",
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "gif", "webp"]),
            validate_image_file,
        ],
    )
    thumbnail = models.ImageField(upload_to="figures/", blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    format = models.CharField(max_length=10, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    alt_text = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["document", "order", "id"]

    def __str__(self) -> str:
        return f"Figure: {self.passage.text[:70]}"

    @property
    def caption(self) -> str:
        return self.passage.text


class Entity(models.Model):
    class Kind(models.TextChoices):
        # The extractor's vocabulary is the one source; these only add labels.
        PERSON = extracted.PERSON, "Person"
        PLACE = extracted.PLACE, "Place"
        EVENT = extracted.EVENT, "Event"
        ORGANIZATION = extracted.ORGANIZATION, "Organization"
        GROUP = extracted.GROUP, "Group"

    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    key = models.CharField(max_length=255, unique=True, help_text="Normalised name.")
    # An admin edit (name, kind, aliases) that re-imports must not undo.
    locked = models.BooleanField(default=False)
    # Keys of entities merged into this one, so a re-import does not split them again.
    former_keys = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return self.name


class Mention(models.Model):
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=255)

    class Meta:
        ordering = ["passage", "start"]

    def __str__(self) -> str:
        return self.text


class Fact(models.Model):
    class Kind(models.TextChoices):
        DATED_EVENT = extracted.DATED_EVENT, "Dated event"
        LIFESPAN = extracted.LIFESPAN, "Lifespan"
        QUANTITY = extracted.QUANTITY, "Quantity"
        RELATION = extracted.RELATION, "Relation"
        ROLE = extracted.ROLE, "Role"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    class Precision(models.TextChoices):
        DAY = extracted.DAY, "Day"
        MONTH = extracted.MONTH, "Month"
        YEAR = extracted.YEAR, "Year"
        DECADE = extracted.DECADE, "Decade"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="facts")
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    subject = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="facts"
    )
    relation = models.CharField(max_length=64, blank=True)
    object = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="facts_as_object"
    )
    answer = models.CharField(max_length=500)
    context = models.CharField(max_length=500, blank=True)
    date_text = models.CharField(max_length=100, blank=True)
    precision = models.CharField(max_length=8, choices=Precision.choices, blank=True)
    year = models.IntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.IntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=64, blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=0.5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    extractor_version = models.CharField(max_length=32, blank=True)
    # Identity across re-imports, from what the fact says rather than where.
    fingerprint = models.CharField(max_length=40, editable=False)
    # Set by an admin edit: a re-import then never overwrites this fact.
    edited = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document", "passage__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "fingerprint"], name="unique_fact_per_document"
            )
        ]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.answer}"


# Where one sentence ends and the next begins: a full stop, then space, then a
# capital or a digit. "U.S. Army" may cut a sentence short, which is harmless
# for showing a reviewer where a question came from.
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")


def live_q(prefix: str = "") -> models.Q:
    """Questions students may see, reached through ``prefix`` ("question__" from a card).

    Only published questions: the generator publishes the ones it ranks good
    enough, a teacher or an admin publishes more by hand. Drafts wait for
    them; rejected and retired questions never reach a student.
    """
    return models.Q(**{f"{prefix}status": "approved"})


class QuestionQuerySet(models.QuerySet):
    def live(self) -> "QuestionQuerySet":
        return self.filter(live_q())


class Question(models.Model):
    class Type(models.TextChoices):
        # The generator's vocabulary is the one source; these only add labels.
        YEAR = generated.YEAR, "Year or date"
        WHO = generated.WHO, "Who"
        WHAT = generated.WHAT, "What"
        WHERE = generated.WHERE, "Where"
        HOW_MANY = generated.HOW_MANY, "How many"
        CLOZE = generated.CLOZE, "Cloze"
        TRUE_FALSE = generated.TRUE_FALSE, "True or false"
        MULTIPLE_CHOICE = generated.MULTIPLE_CHOICE, "Multiple choice"
        IMAGE = generated.IMAGE, "Image"
        ORDER = generated.ORDER, "Timeline order"

    class Status(models.TextChoices):
        # The life cycle: draft → published → retired (or rejected by a person).
        # "approved" is the stored value of "published", kept from earlier data.
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Published"
        REJECTED = "rejected", "Rejected"
        RETIRED = "retired", "Retired"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="questions")
    type = models.CharField(max_length=16, choices=Type.choices)
    prompt = models.TextField()
    answer = models.CharField(max_length=500)
    accepted = models.JSONField(default=list, blank=True, help_text="Other accepted answers.")
    choices = models.JSONField(default=list, blank=True, help_text="Options, in the order shown.")
    explanation = models.TextField(blank=True, help_text="Shown after answering, above the source.")
    passage = models.ForeignKey(
        Passage, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    fact = models.ForeignKey(
        Fact, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    figure = models.ForeignKey(
        Figure, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    fact_kind = models.CharField(max_length=16, blank=True)
    tolerance = models.FloatField(default=0.0, help_text="Relative tolerance for numbers.")
    difficulty = models.FloatField(default=0.5)
    score = models.FloatField(default=0.0, help_text="The generator's ranking score.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    generator_version = models.CharField(max_length=32, blank=True)
    # Stable identity from the generator: regeneration updates, never duplicates.
    key = models.CharField(max_length=80)
    # Set by an admin edit; regeneration never touches a locked question.
    locked = models.BooleanField(default=False)
    # The generator's prompt and answer, kept at a person's first edit so the
    # reviewer can compare; empty while the question is as generated.
    original = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        # The table predates the move from quizzes; its name (and its index's) stays.
        db_table = "quizzes_question"
        ordering = ["document", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="unique_question_key")
        ]
        indexes = [models.Index(fields=["status", "type"], name="quizzes_que_status_929c83_idx")]

    def __str__(self) -> str:
        return self.prompt[:90]

    @property
    def source_sentence(self) -> str:
        """The sentence of the passage the question was made from, for a reviewer.

        The fact's span places the answer; without one, the first sentence that
        holds the answer; else the passage's first sentence.
        """
        text = self.passage.text if self.passage else ""
        if not text:
            return ""
        fact = self.fact
        at = fact.span_start if fact is not None and fact.span_start is not None else None
        if at is None:
            found = text.lower().find(self.answer.strip().lower()) if self.answer.strip() else -1
            at = found if found >= 0 else 0
        begin, end = 0, len(text)
        for match in _SENTENCE_BREAK.finditer(text):
            if match.end() <= at:
                begin = match.end()
            else:
                end = match.end()
                break
        return text[begin:end].strip()

    @property
    def image_alt(self) -> str:
        """The picture's alt text without the answer, so a screen reader does not give it away."""
        figure = self.figure
        text = (figure.alt_text or figure.caption) if figure else ""
        for answer in sorted({self.answer, *self.accepted}, key=len, reverse=True):
            if len(answer.strip()) > 1:
                text = re.sub(re.escape(answer.strip()), "…", text, flags=re.IGNORECASE)
        return text or "The picture this question asks about"


class QuestionReport(models.Model):
    """A teacher tells the admins a question needs a look."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_reports"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        db_table = "quizzes_questionreport"
        ordering = ["resolved", "-created_at"]

    def __str__(self) -> str:
        return f"Report on question {self.question_id}"
