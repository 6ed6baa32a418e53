"""Hypothesis profiles for the fuzzers (tests/fuzz/, tests/foundation/test_embedded_fuzz.py).
`ci` (the default) draws the same examples every run, so a red build names a change, not
bad luck, and writes no example database; `HYPOTHESIS_PROFILE=explore` draws new ones,
more of them, to hunt (then add what it finds as a plain test)."""

import os

from hypothesis import HealthCheck, settings

# The examples are big on purpose (20 000 characters) and each is an HTTP request.
_SLOW_ON_PURPOSE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_ON_PURPOSE,
)
settings.register_profile(
    "explore", max_examples=200, deadline=None, suppress_health_check=_SLOW_ON_PURPOSE
)
NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
PROFILE = settings.get_profile(NAME)
