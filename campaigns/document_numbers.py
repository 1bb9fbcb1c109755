"""Moved to ``documents.document_numbers`` (plans are documents); kept so old imports keep working."""

from documents.document_numbers import *  # noqa: F403
from documents.document_numbers import MALFORMED, DocumentType, normalise, parse, search_terms, validate_document_number  # noqa: F401
