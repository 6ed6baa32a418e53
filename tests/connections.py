"""What another database connection sees, and the state of this one's transaction."""

import threading

from django.db import connection
from psycopg2.extensions import TRANSACTION_STATUS_IDLE


def committed_elsewhere(query) -> bool:
    """Whether another connection sees what `query()` (an exists()) looks for."""
    seen = []

    def look():
        try:
            seen.append(query())
        finally:
            connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join(timeout=30)
    return seen == [True]


def outside_a_transaction() -> bool:
    """Whether this thread's connection has no transaction open on the server."""
    return connection.connection.info.transaction_status == TRANSACTION_STATUS_IDLE
