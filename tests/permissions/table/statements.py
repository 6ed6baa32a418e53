"""The walker's table for statements: see outcomes.py for the words. All public: a
visitor reads them before signing up, and anyone may send accessibility feedback."""

from .outcomes import PUBLIC, Entry

ENTRIES = {
    "statements:privacy": Entry(get=PUBLIC),
    # An empty POST: the form again with its errors.
    "statements:accessibility": Entry(get=PUBLIC, post=PUBLIC),
    "statements:thanks": Entry(get=PUBLIC),
}
