"""The walker's table for privacy: see outcomes.py for the words."""

from .outcomes import COORDINATORS, REDIRECT, SIGNED_IN, Entry, expect

ENTRIES = {
    "privacy:my_data": Entry(get=SIGNED_IN),
    "privacy:my_data_download": Entry(get=SIGNED_IN),
    "privacy:delete_account": Entry(get=SIGNED_IN),
    # The retention job run now: a coordinator's, who is sent to the job's page.
    "privacy:retention_run": Entry(get=COORDINATORS, post=expect(coordinator=REDIRECT)),
}
