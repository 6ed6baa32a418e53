"""Every permission the rules define is checked somewhere: a permission nobody checks
reads as a protection that is not there."""

import re

import rules

from . import floor_plan


def test_every_defined_permission_is_checked_somewhere():
    defined = set(rules.permissions.permissions)
    assert len(defined) >= 5  # the apps' rules modules are loaded
    code = "\n".join(
        path.read_text() for path in floor_plan.app_sources() if path.name != "rules.py"
    )
    templates = "\n".join(
        path.read_text() for path in floor_plan.ROOT.glob("*/templates/**/*.html")
    )
    unchecked = {
        name for name in defined if not re.search(rf"[\"']{re.escape(name)}[\"']", code + templates)
    }
    assert unchecked == set()
