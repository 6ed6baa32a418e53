"""The walker's table for mypage: see outcomes.py for the words."""

from .outcomes import SIGNED_IN, Entry

ENTRIES = {
    "mypage:dashboard": Entry(get=SIGNED_IN),
}
