"""The walker's table for operations: see outcomes.py for the words."""

from .outcomes import Entry, expect

ENTRIES = {
    "operations:ready": Entry(get=expect(others=503, anonymous=503)),
}
