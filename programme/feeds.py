"""The news as an RSS 2.0 feed (django.contrib.syndication): the latest published
articles, for feed readers and for other sites to show."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import Article

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self):
        return _("Familiestøtte – news")

    def description(self):
        return _("News from the Familiestøtte competence programme.")

    def link(self):
        return reverse("programme:articles")

    def items(self):
        return Article.objects.published()[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary or item.body[:300]

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_author_name(self, item: Article) -> str:
        return item.author
