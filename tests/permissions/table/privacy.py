"""The walker's table for privacy: see outcomes.py for the words."""

from .outcomes import SIGNED_IN, Entry

ENTRIES = {
    "privacy:my_data": Entry(get=SIGNED_IN),
    "privacy:my_data_download": Entry(get=SIGNED_IN),
    "privacy:delete_account": Entry(get=SIGNED_IN),
}
