"""The clients: signed-in people racing for seats through the load balancer, and a
steady load of signed-in page views while something happens to the cluster."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

# The registration form on the session page, and its CSRF token.
REGISTER_FORM = re.compile(
    r'<form method="post" action="/samlinger/\d+/meld-pa/">\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"'
)


@dataclass
class Answer:
    started: float  # time.monotonic()
    status: int | None  # None: no answer (a transport error)
    served_by: str
    location: str = ""
    error: str = ""


async def _request(client: httpx.AsyncClient, method: str, url: str, **kwargs) -> Answer:
    started = time.monotonic()
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        return Answer(started, None, "", error=f"{type(error).__name__}: {error}")
    return Answer(
        started,
        response.status_code,
        response.headers.get("x-served-by", ""),
        location=response.headers.get("location", ""),
    )


def _client(base: str, connections: int, timeout: float) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits)


async def _race(base: str, cookies: list[str], session_pk: int, timeout: float) -> list[Answer]:
    session_url = f"/samlinger/{session_pk}/"
    async with _client(base, len(cookies), timeout) as client:
        semaphore = asyncio.Semaphore(20)

        async def form(cookie: str) -> tuple[str, str]:
            async with semaphore:
                response = await client.get(session_url, headers={"Cookie": cookie})
            response.raise_for_status()
            token = REGISTER_FORM.search(response.text)
            if token is None or "csrftoken" not in response.cookies:
                raise RuntimeError("no registration form with a CSRF token on the session page")
            return f"{cookie}; csrftoken={response.cookies['csrftoken']}", token.group(1)

        forms = await asyncio.gather(*(form(cookie) for cookie in cookies))
        go = asyncio.Event()

        async def register(cookie: str, token: str) -> Answer:
            await go.wait()
            return await _request(
                client,
                "POST",
                f"{session_url}meld-pa/",
                headers={"Cookie": cookie, "Referer": base + session_url},
                data={"csrfmiddlewaretoken": token},
            )

        tasks = [asyncio.create_task(register(*pair)) for pair in forms]
        await asyncio.sleep(0.1)  # every task is waiting at the gate
        go.set()
        return list(await asyncio.gather(*tasks))


def race(base: str, cookies: list[str], session_pk: int, timeout: float = 120) -> list[Answer]:
    """Each person opens the session page (cookie and form token), then all register at
    the same moment."""
    return asyncio.run(_race(base, cookies, session_pk, timeout))


async def _steady(
    base: str,
    cookies: list[str],
    url: str,
    *,
    lead: float,
    tail: float,
    event: Callable[[], dict[str, float]],
) -> tuple[list[Answer], dict[str, float]]:
    answers: list[Answer] = []
    stop_at = float("inf")
    async with _client(base, len(cookies), timeout=30) as client:

        async def person(cookie: str) -> None:
            while time.monotonic() < stop_at:
                answers.append(await _request(client, "GET", url, headers={"Cookie": cookie}))

        people = [asyncio.create_task(person(cookie)) for cookie in cookies]
        await asyncio.sleep(lead)
        marks = await asyncio.to_thread(event)
        stop_at = time.monotonic() + tail
        await asyncio.gather(*people)
    return answers, marks


def steady(
    base: str,
    cookies: list[str],
    url: str,
    *,
    event: Callable[[], dict[str, float]],
    lead: float = 1.5,
    tail: float = 3.0,
) -> tuple[list[Answer], dict[str, float]]:
    """One signed-in client per cookie views `url` again and again; after `lead` seconds
    `event` runs (in a thread) and returns the moments it marked; `tail` seconds after it
    ends the clients stop. Every answer, and the marks."""
    return asyncio.run(_steady(base, cookies, url, lead=lead, tail=tail, event=event))
