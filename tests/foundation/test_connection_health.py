"""A persistent database connection the server has closed (PostgreSQL restarted) is
replaced at the start of the next request rather than failing it."""

from django.db import connection

from .processes import clean_env, manage

# What a web worker does: a request uses the connection, PostgreSQL ends it (here by
# pg_terminate_backend from outside), the next request starts (close_old_connections,
# Django's request_started handler) and queries.
NEXT_REQUEST_AFTER_A_RESTART = """
import psycopg2
from django.db import close_old_connections, connection
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid()")
    pid = cursor.fetchone()[0]
outside = psycopg2.connect({dsn!r})
outside.autocommit = True
outside.cursor().execute("SELECT pg_terminate_backend(%s)", [pid])
outside.close()
close_old_connections()
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
    print("answered", cursor.fetchone()[0])
"""


def test_it_replaces_a_persistent_connection_the_server_closed(db):
    info = connection.settings_dict
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**info)
    env = clean_env(DATABASE_URL=url, DATABASE_CONN_MAX_AGE="600")
    dsn = f"dbname={info['NAME']} user={info['USER']} host={info['HOST']} port={info['PORT']}"

    result = manage("shell", "-c", NEXT_REQUEST_AFTER_A_RESTART.format(dsn=dsn), env=env)

    assert "answered 1" in result.stdout
