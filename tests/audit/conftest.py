"""What the audit tests share: the client's address, and the rows written since a mark."""

import pytest

from audit.models import Entry

ADDRESS = "192.0.2.10"  # the client (TEST-NET-1)


class Mark:
    """The rows written after the mark was set: new() and, for one row, one()."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.pk = Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def new(self, **filters):
        return list(Entry.objects.filter(pk__gt=self.pk, **filters).order_by("pk"))

    def one(self, **filters) -> Entry:
        rows = self.new(**filters)
        assert len(rows) == 1, [(r.event, r.object_repr, r.changes) for r in rows]
        return rows[0]


@pytest.fixture
def mark(db):
    return Mark()


@pytest.fixture
def post(client, mark):
    """post(participant, url, data) as that person, from ADDRESS; the mark is set after
    the log-in (which has its own row)."""

    def _post(participant, url, data=None, **extra):
        if client.session.get("_auth_user_id") != str(participant.user.pk):
            client.force_login(participant.user)
            mark.reset()
        return client.post(url, data or {}, REMOTE_ADDR=ADDRESS, **extra)

    return _post
