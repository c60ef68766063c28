"""Printable documents (layer 1): one simple structure (:mod:`.document`) rendered as Word
(:mod:`.docx`) or PDF with an embedded Chinese font (:mod:`.pdf`). It knows nothing of pages or
applications; the reply letters and the blank application form are built in
``disclosure/applications/letters.py``, and the annual report can build its tables the same way."""
