"""A strict Content Security Policy: no inline script or style, nothing from other hosts;
no browser feature the portal does not use; nothing personal kept in a browser's cache.
The portal's language: Bokmål unless the person chose English. And requests no view
could read, answered before they reach one."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
# Browser features the portal never asks for, refused to every frame and script.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store` on every response to a browser with a session: signed-in
    pages, exports and the personal data download are not kept on a shared hospital PC.

    The session cookie decides, not request.user: asking for the user would load the
    session and the user on requests that never need them (the bare /helse/).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        name = settings.SESSION_COOKIE_NAME
        if name in request.COOKIES or name in response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response


class PortalLanguageMiddleware:
    """Norwegian Bokmål unless the person chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which
    shows English to most hospital PCs; the portal speaks Bokmål first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# A path segment of digits beyond PostgreSQL's bigint: no row has that id.
BIGINT_MAX = 2**63 - 1
LONG_NUMBER = re.compile(r"/([0-9]{19,})(?=/|\.|$)")


class UnreadableRequestMiddleware:
    """Requests no view can read get a 4xx page in Norwegian, not a 500: a NUL byte in the
    path (PostgreSQL refuses it in a query) or an id beyond bigint are a 404, a form body
    in a charset other than UTF-8 a 400. An action asked by the wrong method (a GET of a
    button's address, typed or bookmarked) keeps its 405 and gets the same page.

    Django itself answers the last with a 400, but its 400 (and 500) handler reads the
    form again for the CSRF token and fails the same way, so the page is rendered here.
    Place it before anything that reads request.POST (CsrfViewMiddleware reads it in
    process_view, after every __call__).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path or any(
            int(number) > BIGINT_MAX for number in LONG_NUMBER.findall(request.path)
        ):
            raise Http404
        if (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and request.encoding is not None
            and request.encoding.lower() != "utf-8"  # as HttpRequest._load_post_and_files
        ):
            return render(request, "400.html", status=400)
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed):
            page = render(request, "400.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response
