"""The walker's table for accounts: see outcomes.py for the words."""

from .outcomes import PUBLIC, REDIRECT, SIGNED_IN, Entry, expect

ENTRIES = {
    "account_login": Entry(get=expect(others=REDIRECT, anonymous=200)),
    "account_logout": Entry(
        get=expect(others=200, anonymous=REDIRECT),
        post=expect(others=REDIRECT, anonymous=REDIRECT),
    ),
    "account_inactive": Entry(get=PUBLIC),
    "account_signup": Entry(get=expect(others=REDIRECT, anonymous=200)),
    "account_reauthenticate": Entry(get=SIGNED_IN),
    "account_email": Entry(get=SIGNED_IN, post=expect(others=REDIRECT)),
    "account_email_verification_sent": Entry(get=PUBLIC),
    "account_change_password": Entry(get=SIGNED_IN),
    "account_set_password": Entry(get=expect(others=REDIRECT)),
    "account_reset_password": Entry(get=PUBLIC),
    "account_confirm_login_code": Entry(get=expect(others=REDIRECT)),
    "account_confirm_email": Entry(
        get=PUBLIC,
        post=expect(anonymous=404),
        kwargs=lambda w: {"key": "ikke-en-nokkel"},
    ),
    "account_reset_password_from_key_done": Entry(get=PUBLIC),
    "account_reset_password_from_key": Entry(
        get=PUBLIC,
        kwargs=lambda w: {"uidb36": "1", "key": "ikke-en-nokkel"},
    ),
    "account_reset_password_done": Entry(get=PUBLIC),
}
