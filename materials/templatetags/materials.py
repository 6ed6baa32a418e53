"""The materials block of the session page: the list for those who may read it (the
people confirmed for the session, coordinators), a sentence saying whom it is for otherwise."""

from django import template
from django.template.context import Context

from programme.models import Session

register = template.Library()


@register.inclusion_tag("materials/_session_materials.html", takes_context=True)
def session_materials(context: Context, session: Session) -> dict[str, object]:
    """No query for anonymous visitors and coordinators, one for anyone else signed in;
    the materials themselves come prefetched with the session."""
    materials = list(session.materials.all())
    user = context["request"].user
    return {
        "session": session,
        "materials": materials,
        "may_read": bool(materials) and user.has_perm("materials.read", session),
    }
