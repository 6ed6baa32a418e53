"""allauth's own texts that its Bokmål catalog gets wrong, listed here so that the project
catalog (locale/, first in LOCALE_PATHS) extracts them and gives the right Norwegian:
«å» before «tilbakestille», «Glemt passordet?», «ennå», «e-posten», «Endre passord», no
stiff «vennligst», and the confirmation email naming a person (ACCOUNT_USER_DISPLAY), not
the generated username. Each msgid must be allauth's exactly;
tests/statements/test_wording.py renders the pages and emails and fails on what reads
wrong."""

from django.utils.translation import gettext_noop

ALLAUTH_TEXTS = [
    gettext_noop("Forgot your password?"),
    gettext_noop("Change Password"),
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
    gettext_noop("Please type your current password."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop(
        "We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."
    ),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for "
        "an\naccount using email address:\n\n%(email)s\n\nHowever, an account using that "
        "email address already exists.  In case you have\nforgotten about this, please use "
        "the password forgotten procedure to recover\nyour "
        "account:\n\n%(password_reset_url)s"
    ),
    gettext_noop(
        "If you do not recognize this change then please take proper security precautions "
        "immediately. The change to your account originates from:\n\n- IP address: "
        "%(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    gettext_noop(
        "Your email verification code is listed below. Please enter it in your open browser window."
    ),
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
    gettext_noop(
        "Your password reset code is listed below. Please enter it in your open browser window."
    ),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address '
        "for user %(user_display)s."
    ),
    gettext_noop(
        "This email confirmation link expired or is invalid. Please <a "
        'href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  "
        'Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to "
        "finalize the signup process. If you do not see the verification email in your main "
        "inbox, check your spam folder. Please contact us if you do not receive the "
        "verification email within a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link inside "
        "that email. If you do not see the verification email in your main inbox, check "
        "your spam folder. Otherwise\ncontact us if you do not receive it within a few "
        "minutes."
    ),
]
