"""What the wording tests look for: known misspellings, and English left in Norwegian text.
Only what a person reads counts: text, and the attributes a browser shows or reads aloud."""

from __future__ import annotations

import re
from html.parser import HTMLParser

MISSPELLINGS = {
    r"bedt om tilbakestille": "«bedt om å tilbakestille»",
    r"Glemt ditt passord": "«Glemt passordet?»",
    r"\benda\b": "«ennå» (not yet)",
    r"\beposten\b|\bepost\b|\bepostadresse": "«e-post», «e-posten», «e-postadresse»",
    r"veiledningsgruppa Veiledningsgruppe": "the noun twice",
    r"meld deg av på Min side": "cancelling is under «Mine påmeldinger»",
    r"Vennligst": "plain Norwegian asks without «vennligst»",
    r"Endre Passord|Tilbakestill Passord": "no capital letter inside a Norwegian title",
}
ENGLISH = [
    r"\bPassword\b",
    r"\bSign\b",
    r"\bSign (in|up|out)\b",
    r"\bForgot",
    r"\bRemember\b",
    r"\bE-mail\b",
    r"\bEmail\b",
    r"\busername\b",
    r"\bPlease\b",
    r"\bConfirm\b",
    r"\bHello\b",
    r"\bThank you\b",
    r"\bYou\b",
    r"\bYour\b",
    r"\bthe\b",
]
SHOWN_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt", "value"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "title"}:
            self._skip += 1
        kinds = dict(attrs)
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                if name == "value" and kinds.get("type") not in {"submit", "button", None}:
                    continue
                if name == "value" and tag not in {"input", "button"}:
                    continue
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style", "title"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def problems(text: str, *, forbidden_names: tuple[str, ...] = ()) -> list[str]:
    found = [
        f"misspelling {match.group(0)!r}, write {advice}"
        for pattern, advice in MISSPELLINGS.items()
        for match in re.finditer(pattern, text)
    ]
    found += [f"English {match.group(0)!r}" for p in ENGLISH for match in re.finditer(p, text)]
    found += [f"names the username {name!r}" for name in forbidden_names if name in text]
    return found
