# The portal's image: web (gunicorn), worker and beat all run from it (deploy/compose.yaml).
# Slim, non-root, the pinned dependencies of pyproject.toml, static files collected at build;
# the compiled catalogs (.mo) are in the repository, so no gettext is needed here.

# Bootstrap comes from npm, pinned in package-lock.json; only its dist/ goes on.
FROM node:22-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_STATIC_ROOT=/app/staticfiles
WORKDIR /app
# Pango and the DejaVu fonts for the PDF course certificate (WeasyPrint), as the Makefile's
# `pdf` target installs them.
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig \
    && rm -rf /var/lib/apt/lists/*
# The dependencies first (their layer is kept while only the code changes): the exact
# pins of [project].dependencies, nothing from dev.
COPY pyproject.toml ./
RUN pip install . && pip uninstall -y familiestotte
COPY . .
COPY --from=frontend /build/node_modules/bootstrap/dist node_modules/bootstrap/dist
RUN groupadd --system portal && useradd --system --gid portal --home-dir /app portal \
    && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-at-build-only \
       python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private && chown portal:portal /app/media /app/private
USER portal
EXPOSE 8000
ENV GUNICORN_BIND=0.0.0.0:8000
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/helse/', timeout=2)"
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "familiestotte.wsgi"]
