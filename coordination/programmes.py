"""Which programme a coordinator's overview is about: the one chosen in the page, else
the newest published one, never an unpublished copy by default (a cohort copied as a
draft for another region must not become what every overview and export shows)."""

from collections.abc import Sequence

from django.http import Http404, HttpRequest

from programme.models import Programme


def chosen_programme(programmes: Sequence[Programme], slug: str | None) -> Programme:
    """`programmes` newest first and not empty."""
    chosen = next((p for p in programmes if slug and p.slug == slug), None)
    published = next((p for p in programmes if p.is_published), None)
    return chosen or published or programmes[0]


def programme_choice(request: HttpRequest) -> tuple[list[Programme], Programme]:
    """Every programme, newest first, for the page's chooser, and the one the page is
    about (`?programme=<slug>`, see chosen_programme); 404 when there is none."""
    programmes = list(Programme.objects.order_by("-starts_on", "pk"))
    if not programmes:
        raise Http404
    return programmes, chosen_programme(programmes, request.GET.get("programme"))
