"""The walker's table for participants: see outcomes.py for the words."""

from .outcomes import SIGNED_IN, Entry

ENTRIES = {
    "participants:profile": Entry(get=SIGNED_IN),
}
