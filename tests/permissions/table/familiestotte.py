"""The walker's table for familiestotte: see outcomes.py for the words."""

from .outcomes import PUBLIC, Entry

ENTRIES = {
    "health": Entry(get=PUBLIC),
}
