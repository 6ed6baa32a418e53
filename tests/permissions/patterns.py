"""Every URL pattern of the project, walked from the root resolver: the walker's list of
what there is, so a view nobody wrote an entry for cannot hide."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Route prefixes the walker does not visit, each with its reason. Everything else must
# have an entry in tests/permissions/table/.
# Mounted only when the URLconf is first read with DEBUG on (familiestotte/urls.py), so
# whether a test run has it depends on what read the URLs first.
MEDIA_PREFIX = "^media/speakers/"

SKIPPED = {
    "admin/": "Django's admin: its own staff-only permission system, with the portal's "
    "log-in in front (tests/foundation/test_admin.py, test_admin_login.py)",
    "i18n/": "Django's set_language: no object behind it, the same for everyone",
    MEDIA_PREFIX: "Django's static serve of the public speakers' photos, mounted only "
    "with DJANGO_DEBUG (make run); nginx serves /media/ in production, the same for everyone",
}


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", the key of the table
    route: str  # the full route, for messages
    module: str  # the view's module, for messages


def _walk(patterns, prefix: str, namespace: str | None) -> Iterator[Pattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = entry.name or route
            if namespace and entry.name:
                name = f"{namespace}:{entry.name}"
            yield Pattern(name=name, route=route, module=entry.callback.__module__)


def skip_reason(route: str) -> str | None:
    return next((why for prefix, why in SKIPPED.items() if route.startswith(prefix)), None)


def project_patterns() -> list[Pattern]:
    """Every pattern the walker must visit: all of them but the SKIPPED prefixes."""
    return [p for p in _walk(get_resolver().url_patterns, "", None) if not skip_reason(p.route)]


def all_patterns() -> list[Pattern]:
    return list(_walk(get_resolver().url_patterns, "", None))
