"""Validators of the catalogue metadata; messages in Chinese.

The 文号 validator lives with its format in :mod:`.document_numbers`; it is importable here too
because the migrations of every app with a ``document_number`` field name it by this path.
"""

from .document_numbers import validate_document_number

__all__ = ["validate_document_number"]
