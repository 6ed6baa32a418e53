"""The fields of a form as the browser sees them: parsed from the page's HTML, so the
fields a form adds in __init__ (one per question, per goal, per registration) are there
too, with the choices the page offers. No Django settings needed: the SQLite run in
tests/foundation uses it against a child process."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, hidden, file, submit, number, date...
    values: list[str] = field(default_factory=list)  # the values the page offers
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str  # the path it posts to
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None, multiple: bool = False) -> Field:
        entry = self.fields.setdefault(name, Field(name=name, kind=kind, multiple=multiple))
        if value is not None and value not in entry.values:
            entry.values.append(value)
        if kind == "checkbox" and len(entry.values) > 1:
            entry.multiple = True
        return entry


class _Parser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            action = urlsplit(urljoin(self.page_path, a.get("action") or self.page_path)).path
            self.form = Form(method=(a.get("method") or "get").lower(), action=action)
            self.forms.append(self.form)
        elif self.form is None or "name" not in a:
            if tag == "option" and self.select is not None:
                self.select.values.append(a.get("value", ""))
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            default = "on" if kind in ("checkbox", "radio") else ""
            self.form.add(a["name"], kind, a.get("value", default))
        elif tag == "button":
            self.form.add(a["name"], "submit", a.get("value", ""))
        elif tag == "textarea":
            self.form.add(a["name"], "textarea", None)
        elif tag == "select":
            self.select = self.form.add(a["name"], "select", None, multiple="multiple" in a)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def forms_of(html: str, page_path: str) -> list[Form]:
    parser = _Parser(page_path)
    parser.feed(html)
    return parser.forms


def form_for(html: str, page_path: str, action: str, method: str = "post") -> Form:
    """The page's form that sends to `action` by `method`; fails naming the forms there."""
    forms = forms_of(html, page_path)
    for form in forms:
        if form.action == action and form.method == method:
            return form
    found = [(f.method, f.action) for f in forms]
    raise AssertionError(f"{page_path} has no {method} form to {action}; it has {found}")
