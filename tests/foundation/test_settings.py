"""The settings contract: production refuses to start without a secret key, and with one
(and allowed hosts) Django's deployment checks find nothing to warn about."""

import secrets

from .processes import clean_env, manage

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "familiestotte.example.no",
    # The log-in limits' counters shared by every web process, each client by its address.
    "CACHE_URL": "redis://redis.example.no:6379/2",
    "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
}


def test_it_passes_the_deployment_checks_without_a_warning():
    result = manage("check", "--deploy", env=clean_env(**PRODUCTION))
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr and "security." not in result.stderr


def test_it_warns_in_the_deployment_checks_when_debug_is_on():
    # The negative control: the same command does report problems.
    env = clean_env(**{**PRODUCTION, "DJANGO_DEBUG": "1"})
    result = manage("check", "--deploy", env=env, check=False)
    assert "security.W018" in result.stdout + result.stderr  # DEBUG is on


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = clean_env(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="familiestotte.example.no")
    result = manage("check", env=env, check=False)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "refuses to start without a secret key" in result.stderr


def test_it_starts_without_a_secret_key_in_debug_mode():
    result = manage("check", env=clean_env(DJANGO_DEBUG="1"))
    assert "no issues" in result.stdout


def test_it_reads_the_documented_environment_variables():
    env = clean_env(
        **{
            **PRODUCTION,
            "DATABASE_URL": "postgres://portal:pw@db.example.no:5433/portal",
            "CELERY_BROKER_URL": "redis://redis.example.no:6380/3",
            "CACHE_URL": "redis://redis.example.no:6380/4",
            "EMAIL_HOST": "smtp.example.no",
            "EMAIL_PORT": "2525",
            "DEFAULT_FROM_EMAIL": "Familiestøtte <post@example.no>",
        }
    )
    code = (
        "from django.conf import settings as s; db = s.DATABASES['default'];"
        "print(s.DEBUG, s.ALLOWED_HOSTS, db['HOST'], db['PORT'], db['NAME'],"
        " s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.EMAIL_HOST,"
        " s.EMAIL_PORT, s.DEFAULT_FROM_EMAIL, s.DEMO_MODE, s.CACHES['default']['BACKEND'],"
        " s.CACHES['default']['LOCATION'], s.SESSION_ENGINE, sep='|')"
    )
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.strip().splitlines()[-1].split("|") == [
        "False",
        "['familiestotte.example.no']",
        "db.example.no",
        "5433",
        "portal",
        "redis://redis.example.no:6380/3",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.no",
        "2525",
        "Familiestøtte <post@example.no>",
        "False",
        "familiestotte.cache.RedisCache",
        "redis://redis.example.no:6380/4",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_it_defaults_to_the_embedded_mode_without_any_variable():
    code = (
        "from django.conf import settings as s; from django.db import connection;"
        "print(s.DEBUG, connection.vendor, s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND,"
        " s.DEMO_MODE, s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, sep='|')"
    )
    result = manage("shell", "-c", code, env=clean_env())
    assert result.stdout.strip().splitlines()[-1].split("|") == [
        "True",
        "sqlite",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]
