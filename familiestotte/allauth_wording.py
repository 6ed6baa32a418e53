"""allauth's own texts that its Bokmål catalog gets wrong, listed here so that the project
catalog (locale/, first in LOCALE_PATHS) extracts them and gives the right Norwegian:
«å» before «tilbakestille», «Glemt passordet?», «ennå», «e-posten», and the confirmation
email naming a person (ACCOUNT_USER_DISPLAY), not the generated username. Each msgid must
be allauth's exactly; tests/statements/test_wording.py renders the pages and emails."""

from django.utils.translation import gettext_noop

ALLAUTH_TEXTS = [
    gettext_noop("Forgot your password?"),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email "
        "address to register an account on %(site_domain)s."
    ),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password "
        "reset for your user account.\nIt can be safely ignored if you did not request a "
        "password reset. Click the link below to reset your password."
    ),
    gettext_noop("Password Reset Email"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an "
        "email allowing you to reset it."
    ),
    gettext_noop("You cannot add more than %d email addresses."),
]
