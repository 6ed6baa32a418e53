"""The walker's table for programme: see outcomes.py for the words."""

from .outcomes import PUBLIC, Entry


def programme(w):
    return {"slug": w.programme.slug}


ENTRIES = {
    "programme:home": Entry(get=PUBLIC),
    "programme:detail": Entry(get=PUBLIC, kwargs=programme),
    "programme:calendar": Entry(get=PUBLIC, kwargs=programme),
    "programme:session": Entry(get=PUBLIC, kwargs=lambda w: {"pk": w.session.pk}),
    "programme:session_ics": Entry(get=PUBLIC, kwargs=lambda w: {"pk": w.session.pk}),
    "programme:articles": Entry(get=PUBLIC),
    "programme:article_feed": Entry(get=PUBLIC),
    "programme:article": Entry(get=PUBLIC, kwargs=lambda w: {"slug": w.article.slug}),
}
