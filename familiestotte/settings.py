"""Settings for the Familiestøtte portal, read from environment variables.

The defaults give the embedded mode of `make run`: SQLite, Celery tasks run
eagerly and email printed to the console, so nothing else has to be running.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG=0 the portal refuses to start "
            "without a secret key: set DJANGO_SECRET_KEY to a long random string."
        )
    SECRET_KEY = "insecure-local-development-key-only-for-make-run"  # noqa: S105 - only with DJANGO_DEBUG=1, refused above otherwise

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:" + os.environ.get("PORT", "8000"))

# Demo mode: load_demo creates demo users with known passwords. Never in production.
DEMO_MODE = envbool("DEMO_MODE", DEBUG)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    # The floor plan, ground first (README, «Where things live»).
    "familiestotte",
    "programme",
    "notifications",
    "audit",
    "participants",
    "operations",
    "progress",
    "registrations",
    "certificates",
    "materials",
    "resourcegroups",
    "evaluations",
    "implementation",
    "supervision",
    "reminders",
    "privacy",
    "statements",
    "coordination",
    "mypage",
    "demo",
]

MIDDLEWARE = [
    "familiestotte.requestlog.RequestLogMiddleware",  # first: times and sees every answer
    "django.middleware.security.SecurityMiddleware",
    "familiestotte.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "familiestotte.middleware.NoStoreForSignedInMiddleware",  # sees the session cookie set
    "django.contrib.sessions.middleware.SessionMiddleware",
    "familiestotte.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.context.AuditContextMiddleware",  # the actor and client address of audit rows
    "familiestotte.middleware.UnreadableRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "participants.middleware.ProfileRequiredMiddleware",
]

ROOT_URLCONF = "familiestotte.urls"
WSGI_APPLICATION = "familiestotte.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "participants.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
        # A persistent connection the server closed (a PostgreSQL restart) is found out
        # and replaced at the start of the next request, not served as one 500.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache when CACHE_URL names a Redis database: sessions are then read from it
# (written through to PostgreSQL), the email dispatch window and the log-in rate limits
# are shared by every web process. Without it, each process has its own memory cache.
# While Redis is down the cache fails soft (familiestotte.cache): sessions come from the
# database, and a Redis that does not answer costs a request at most a few seconds.
if CACHE_URL := os.environ.get("CACHE_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "familiestotte.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's and allauth's backends, each loading the participant with the user.
    "participants.backends.ModelBackend",
    "participants.backends.AccountBackend",
]

# Norwegian Bokmål first, English second; Europe/Oslo time.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# With DJANGO_DEBUG=0 static files are served by whitenoise from STATIC_ROOT with hashed,
# compressed names: run `python manage.py collectstatic --noinput` before starting.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

# Private files (session materials): never under a served URL, handed out by the portal to
# those who may read them (materials/). The local file system by default; S3-compatible
# object storage with PRIVATE_FILES_STORAGE=s3 (django-storages, a private bucket).
PRIVATE_FILES_STORAGE = os.environ.get("PRIVATE_FILES_STORAGE") or "local"
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT") or BASE_DIR / "private")
# How a file reaches the browser once the portal has said yes: "django" streams it from
# the portal; "x-accel-redirect" (nginx) and "x-sendfile" (Apache, lighttpd) hand a local
# file to the web server; "redirect" sends an S3 storage's short-lived signed address.
PRIVATE_FILES_SERVE = os.environ.get("PRIVATE_FILES_SERVE") or (
    "redirect" if PRIVATE_FILES_STORAGE == "s3" else "django"
)
# nginx's `internal` location that maps onto PRIVATE_FILES_ROOT (deploy/).
PRIVATE_FILES_ACCEL_PREFIX = os.environ.get("PRIVATE_FILES_ACCEL_PREFIX") or "/_private/"
PRIVATE_FILES_URL_SECONDS = envint("PRIVATE_FILES_URL_SECONDS", 60)  # signed S3 links
if PRIVATE_FILES_STORAGE == "local":
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None},
    }
    private_serving = {"django", "x-accel-redirect", "x-sendfile"}
elif PRIVATE_FILES_STORAGE == "s3":
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,  # the bucket's own: private
            "querystring_auth": True,
            "querystring_expire": PRIVATE_FILES_URL_SECONDS,
            "file_overwrite": False,
        },
    }
    private_serving = {"django", "redirect"}
else:
    raise ImproperlyConfigured("PRIVATE_FILES_STORAGE must be local or s3.")
if PRIVATE_FILES_SERVE not in private_serving:
    raise ImproperlyConfigured(
        f"PRIVATE_FILES_SERVE={PRIVATE_FILES_SERVE!r} does not work with "
        f"PRIVATE_FILES_STORAGE={PRIVATE_FILES_STORAGE}: use one of {sorted(private_serving)}."
    )
# Coordinators' exports of more rows than this run as a job with a progress bar (progress/).
EXPORT_JOB_THRESHOLD = envint("EXPORT_JOB_THRESHOLD", 300)
# The largest material a coordinator may upload, in megabytes (programme/uploads.py).
MATERIALS_MAX_UPLOAD_MB = envint("MATERIALS_MAX_UPLOAD_MB", 25)

# Accounts: email and password, no username; email confirmed before log-in.
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "mypage:dashboard"
# Sign-up rules (participants.adapters); coordinators land on their start page (mypage).
ACCOUNT_ADAPTER = "mypage.adapters.AccountAdapter"
# allauth names a person by their profile's name or their email, not the generated username.
ACCOUNT_USER_DISPLAY = "participants.adapters.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Familiestøtte] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed log-ins for one account lock it for longer the more there are, instead of
# allauth's fixed five minutes after five: at most 5 a minute, 10 in 15 minutes and 20 an
# hour. Someone who mistypes, or an outsider who knows the address, locks it for a minute
# at first; a guesser gets 20 tries an hour. Per address, at most 10 a minute.
LOGIN_FAILED_RATE = "10/m/ip,5/m/key,10/15m/key,20/h/key"
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = (
    False if envbool("DISABLE_RATE_LIMITS", False) else {"login_failed": LOGIN_FAILED_RATE}
)
# Where allauth's rate limits find the client's address behind the TLS proxy: the Nth
# address from the right of X-Forwarded-For (N proxies that each append to it), or a
# header the proxy sets and a client cannot. Without either, REMOTE_ADDR: the proxy's.
# In production the counters must be in a shared cache (familiestotte.checks).
ALLAUTH_TRUSTED_PROXY_COUNT = envint("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER: str | None = (
    os.environ.get("ALLAUTH_TRUSTED_CLIENT_IP_HEADER") or None
)

# The audit log (audit/): django-auditlog writes into audit.Entry, the values before and
# after as JSON, a foreign key as its object's text (what people read in the log).
AUDITLOG_LOGENTRY_MODEL = "audit.Entry"
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_USE_FK_STRING_REPRESENTATION = True
# auditlog's own migrations create its LogEntry table, which the swap above leaves
# unused (and which a test flush cannot truncate): without them there is none.
MIGRATION_MODULES = {"auditlog": None}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console by default, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Familiestøtte <familiestotte@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Celery: eager without a broker (embedded mode), Redis when CELERY_BROKER_URL is set.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")

# The email outbox (notifications): rows per send task (one SMTP connection each), retries.
NOTIFICATIONS_BATCH_SIZE = envint("NOTIFICATIONS_BATCH_SIZE", 200)
NOTIFICATIONS_MAX_ATTEMPTS = envint("NOTIFICATIONS_MAX_ATTEMPTS", 5)
NOTIFICATIONS_RETRY_BACKOFF = envint("NOTIFICATIONS_RETRY_BACKOFF", 60)  # seconds, doubled
# Registration emails committed within this many seconds share one dispatch task.
NOTIFICATIONS_DISPATCH_WINDOW = envint("NOTIFICATIONS_DISPATCH_WINDOW", 1)
# Queued rows no worker took within this many seconds are handed out again.
NOTIFICATIONS_REQUEUE_AFTER = envint("NOTIFICATIONS_REQUEUE_AFTER", 600)
# Rows still 'sending' after this many seconds were interrupted: failed, never resent.
NOTIFICATIONS_SENDING_TIMEOUT = envint("NOTIFICATIONS_SENDING_TIMEOUT", 900)

# Retention (privacy.retention, nightly by beat): a person with no activity for this many
# years after their last programme ended is anonymised; an outbox row's subject and
# bodies are deleted this many days after it was recorded (its status and key stay).
PRIVACY_INACTIVE_YEARS = envint("PRIVACY_INACTIVE_YEARS", 3)
PRIVACY_OUTBOX_BODY_DAYS = envint("PRIVACY_OUTBOX_BODY_DAYS", 180)

# Readiness (/helse/klar/, operations): who sees which part is down, and the limits.
# Only requests made straight to a node from these addresses (or networks) see the
# parts; through the proxy, or from elsewhere, the answer is the status alone.
READINESS_ALLOWED_IPS = envlist("READINESS_ALLOWED_IPS", ["127.0.0.1", "::1"])
READINESS_OUTBOX_STALE_MINUTES = envint("READINESS_OUTBOX_STALE_MINUTES", 15)
READINESS_MAX_QUEUE_DEPTH = envint("READINESS_MAX_QUEUE_DEPTH", 10_000)

# Security: safe defaults, stricter when not in debug.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Logs: one JSON object a line (LOG_FORMAT=json, the default with DJANGO_DEBUG=0) or
# readable lines (text, the default for make run), each with its request id
# (familiestotte/logs.py). LOG_LEVEL=INFO writes a line per request, per task and per
# log-in; WARNING (the default) only what went wrong.
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "familiestotte.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "familiestotte.logs.JsonFormatter"},
        "text": {"()": "familiestotte.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # runserver's own line per request has the query string; the portal writes its own.
    "loggers": {
        "django.server": {"level": "WARNING"},
        # What the privacy jobs did (privacy.retention.record): written at any LOG_LEVEL.
        "familiestotte.audit": {"level": "INFO"},
    },
}

# The privacy and accessibility statements (statements/facts.py): what is the operator's to
# fill in. Empty means the default there (Sykehuset Innlandet HF, its own servers and mail).
STATEMENTS_CONTROLLER = os.environ.get("STATEMENTS_CONTROLLER", "")
STATEMENTS_CONTROLLER_PARTNER = os.environ.get("STATEMENTS_CONTROLLER_PARTNER", "")
STATEMENTS_DPO_CONTACT = os.environ.get("STATEMENTS_DPO_CONTACT", "")
STATEMENTS_EMAIL_PROCESSOR = os.environ.get("STATEMENTS_EMAIL_PROCESSOR", "")
STATEMENTS_HOSTING = os.environ.get("STATEMENTS_HOSTING", "")
STATEMENTS_ACCESSIBILITY_TESTED_ON = os.environ.get("STATEMENTS_ACCESSIBILITY_TESTED_ON", "")
# Accessibility feedback per client address (allauth's rate format); "" is no limit.
STATEMENTS_FEEDBACK_RATE = (
    ""
    if envbool("DISABLE_RATE_LIMITS", False)
    else os.environ.get("STATEMENTS_FEEDBACK_RATE", "5/10m/ip")
)
