"""News published by the coordinators; an article may name the event it is about
(programme.models.Session). The RSS feed of the news is programme.feeds."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__lte=timezone.now())


class Article(models.Model):
    """News published by the coordinators, e.g. before a conference."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("programme"),
    )
    event = models.ForeignKey(
        "programme.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("event"),
        help_text=_(
            "The conference or session the article is about; its page then shows the date, "
            "the seats left and a link to register."
        ),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:article", kwargs={"slug": self.slug})
