"""Writes an admin's curation makes: merged entities, judged facts, flagged passages,
rejected questions (a teacher's removal is the same decision).

Each decision also protects what it touched from the next re-import (see
``content.persistence``), and the admin regenerates the questions afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from content.models import Entity, Fact, Mention, Question


@transaction.atomic
def entity_merge(*, target: Entity, sources: Iterable[Entity]) -> Entity:
    """Fold duplicate entities into ``target``: their mentions, facts and names move over."""
    sources = [s for s in sources if s.pk != target.pk]
    if not sources:
        return target
    ids = [s.pk for s in sources]
    Mention.objects.filter(entity_id__in=ids).update(entity=target)
    Fact.objects.filter(subject_id__in=ids).update(subject=target)
    Fact.objects.filter(object_id__in=ids).update(object=target)
    names = [target.name, *target.aliases]
    for source in sources:
        names += [source.name, *source.aliases]
    target.aliases = [n for n in dict.fromkeys(names) if n != target.name]
    target.former_keys = list(
        dict.fromkeys([*target.former_keys, *(k for s in sources for k in [s.key, *s.former_keys])])
    )
    target.locked = True
    target.save(update_fields=["aliases", "former_keys", "locked"])
    Entity.objects.filter(pk__in=ids).delete()
    return target


def facts_set_status(*, facts, status: str) -> int:
    """Approve or reject facts; an admin's decision also protects them from re-imports."""
    return facts.update(status=status, edited=True)


def passages_set_sensitive(*, passages, sensitive: bool, reason: str = "") -> int:
    update = {"sensitive": sensitive, "sensitive_reviewed": True}
    if sensitive:
        update["sensitive_reason"] = reason or "flagged by an admin"
    else:
        update["sensitive_reason"] = ""
    return passages.update(**update)


@transaction.atomic
def questions_reject(*, questions) -> int:
    """Retire questions for good, an admin's or a teacher's decision.

    Students see only published questions (``live_q``), so at this commit each
    leaves every deck's count and every student's queue; review history stays.
    Locked, so regeneration does not bring them back.
    """
    return questions.update(
        status=Question.Status.REJECTED, locked=True, updated_at=timezone.now()
    )


@transaction.atomic
def drafts_publish_scoring(*, document, min_score: float) -> int:
    """Publish, as one decision, every draft of ``document`` scoring at least ``min_score``.

    The count is what the teacher confirmed against; a draft edited or decided
    in the meantime is simply no longer a draft, so running it twice publishes
    nothing more.
    """
    if not 0 <= min_score <= 1:
        raise ValueError("A score is a number from 0 to 1, such as 0.6.")
    return document.questions.filter(status=Question.Status.DRAFT, score__gte=min_score).update(
        status=Question.Status.APPROVED, updated_at=timezone.now()
    )
