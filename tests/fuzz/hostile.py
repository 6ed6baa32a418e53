"""Hostile input for every form: long text, control characters, NUL, right-to-left marks,
markup, SQL fragments, impossible dates, huge and negative numbers, ids beyond bigint.
Strategies of values as a browser sends them (strings), mixed with plausible values the
page itself offers, so each example gets past some checks and trips others."""

from __future__ import annotations

from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"

HOSTILE = [
    SCRIPT,
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<b>fet</b>",
    "{{ 7|add:7 }}{% debug %}",
    "' OR '1'='1",
    "'; DROP TABLE participants_participant; --",
    "1); SELECT pg_sleep(10); --",
    "\x00",
    "navn\x00med nul",
    "\u202egnp.exe",  # right-to-left override
    "\u200f\u200eRLM og LRM\u2066\u2069",
    "\x01\x02\x07\x08\x0b\x0c\x1b\x7f\x9f",
    "linje\r\nSet-Cookie: x=y",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "30.02.2026",
    "9" * 40,
    "-1",
    "0",
    "-9223372036854775809",
    "9223372036854775808",
    "2147483648",
    "32768",
    "1e400",
    "NaN",
    "-inf",
    "1.5",
    "0x10",
    "",
    " ",
    "\u00a0",
    "ÆØÅ æøå",
    "😀" * 50,
    "../../../etc/passwd",
    "%s%n%x",
    "null",
]

_long = st.builds(
    lambda piece, times: (piece * times)[:20_000],
    st.sampled_from(["x", "ø", "<script>", "\u202e", "' OR 1=1 -- ", "😀"]),
    st.just(20_000),
)
_unicode = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.sampled_from(HOSTILE)),
    _unicode,
    _long,
)


def value_strategy(offered: list[str], plausible: st.SearchStrategy[str] | None = None):
    """A value for one field: hostile, one the page offers, or a plausible one."""
    options = [hostile_text]
    if offered:
        options.append(st.sampled_from(offered))
    if plausible is not None:
        options.append(plausible)
    return st.one_of(*options)


MISSING = object()


def field_strategy(values: st.SearchStrategy[str], multiple: bool):
    """Leave the field out, send one value, or (for a list field and as an attack) several."""
    many = st.lists(values, min_size=2, max_size=3)
    if multiple:
        return st.one_of(st.just(MISSING), st.lists(values, max_size=4), many)
    return st.one_of(st.just(MISSING), values, values, many)


def post_data(fields: dict[str, st.SearchStrategy]):
    """A form body: every field's strategy, the fields drawn as MISSING left out."""
    return st.fixed_dictionaries(fields).map(
        lambda drawn: {k: v for k, v in drawn.items() if v is not MISSING}
    )
