"""Strings whose Bokmål must win over other catalogs.

Django merges catalogs with the project's own `locale/` first, then the apps in
INSTALLED_APPS order. `django.contrib.sessions` comes before `programme` and
translates "session" as «økt»; in this portal a session is a «samling». Marking the
strings here puts them in the root catalog, which takes precedence.
"""

from django.utils.translation import gettext_noop

OVERRIDES = [
    gettext_noop("session"),
    gettext_noop("sessions"),
]
