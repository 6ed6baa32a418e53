import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familiestotte.settings")
application = get_wsgi_application()

# Imported per web worker (gunicorn loads the app after forking), so each worker has
# its own broker connection, opened now rather than during its first request.
from familiestotte.celery import connect_producer  # noqa: E402

connect_producer()
