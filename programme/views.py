from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from . import calendar, selectors
from .models import Article, Programme, Session
from .talks import speakers_of, talks_by_day


def programme_page(request, slug=None):
    """The front page (current programme) and each programme's own page."""
    programme = selectors.programme_for_page(slug=slug)
    if programme is None:
        if slug is not None:
            raise Http404
        return render(request, "programme/no_programme.html", {"articles": _latest_articles()})
    context = {
        "programme": programme,
        "session_groups": selectors.sessions_by_kind(programme),
        "other_programmes": selectors.other_programmes(programme),
        "articles": _latest_articles(),
    }
    return render(request, "programme/programme_detail.html", context)


def programme_calendar(request, slug):
    """The programme's sessions as an .ics feed calendar programs can subscribe to."""
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    body = calendar.programme_calendar(
        programme,
        selectors.calendar_sessions(programme),
        url_for=lambda session: request.build_absolute_uri(session.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}.ics"'
    return response


def session_ics(request, pk):
    """One session as an .ics file to open in a calendar program."""
    try:
        session = selectors.session_for_calendar(pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    body = calendar.session_calendar(
        session, url=request.build_absolute_uri(session.get_absolute_url())
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="samling-{session.pk}.ics"'
    return response


def _latest_articles():
    return list(Article.objects.published()[:3])


def session_page(request, pk):
    try:
        session = selectors.session_for_page(pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "session": session,
        "talk_days": talks_by_day(session.programme_talks),
        "speakers": speakers_of(session.programme_talks),
    }
    return render(request, "programme/session_detail.html", context)


class ArticleListView(ListView):
    template_name = "programme/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().select_related("event__programme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # «Om Opplæringsdag 3 av 8: …»: the events' totals in one query, not one each.
        selectors.count_kind_totals([a.event for a in context["articles"] if a.event])
        return context


class ArticleDetailView(DetailView):
    template_name = "programme/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.published(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=selectors.event_for_article(self.object), **kwargs)
