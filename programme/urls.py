from django.urls import path

from . import feeds, views

app_name = "programme"

urlpatterns = [
    path("", views.programme_page, name="home"),
    path("program/<slug:slug>/", views.programme_page, name="detail"),
    path("program/<slug:slug>/kalender.ics", views.programme_calendar, name="calendar"),
    path("samlinger/<int:pk>/", views.session_page, name="session"),
    path("samlinger/<int:pk>/kalender.ics", views.session_ics, name="session_ics"),
    path("nyheter/", views.ArticleListView.as_view(), name="articles"),
    # Before the articles' own addresses, which would take «feed» for a slug.
    path("nyheter/feed/", feeds.LatestArticlesFeed(), name="article_feed"),
    path("nyheter/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
]
