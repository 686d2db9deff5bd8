"""The curation screens, one module per family of models."""

from content.admin import documents, entities, questions

__all__ = ["documents", "entities", "questions"]
