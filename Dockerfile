# syntax=docker/dockerfile:1
# Marelle's image: one image for the web server, the Celery workers, beat and the migration Job
# (`python manage.py serve | worker | beat | setup_platform`). docs/operations.md shows how to
# build and push it; docs/decisions/0026-image-and-chart.md says why it is made this way.
#
#   docker build -t registry.example.org/marelle:0.1.0 .
#
# Reproducible from the lock files: the SPA from frontend/package-lock.json (npm ci), Python
# packages from constraints.txt (exact versions), base images by tag (pin them by digest in
# your registry mirror for bit-for-bit rebuilds).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG PYTHON_BUILDER_IMAGE=python:3.11-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1. the SPA ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
# tsc, vite build and the JavaScript budget check: the same build as `make frontend`.
RUN npm run build

# --- 2. the Python packages, in a virtualenv (compilers live here only) ------------------------
FROM ${PYTHON_BUILDER_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
# The PGDG repository's signing key, for the runtime's PostgreSQL client (postgresql-common
# carries it: nothing fetched from a key server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-common \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml constraints.txt ./
COPY platform/ platform/
COPY tenants/ tenants/
COPY modules/ modules/
COPY api/ api/
# Runtime dependencies only (no [dev]), at constraints.txt's exact versions. The project itself
# is then uninstalled: its code runs from /app, where the settings find the templates, the
# built SPA and the static files next to it. pip leaves the packages' bytecode compiled: the
# root filesystem is read-only at run time.
RUN pip install --upgrade pip \
 && pip install -c constraints.txt . \
 && pip uninstall -y marelle

# --- 3. the runtime -----------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
# The PostgreSQL client's major version must be at least the server's (pg_dump refuses a newer
# server): export_tenant / import_tenant run pg_dump and pg_restore.
ARG PG_MAJOR=16
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app/platform:/app \
    DJANGO_SETTINGS_MODULE=config.settings \
    HOME=/tmp \
    XDG_CACHE_HOME=/tmp/cache \
    PORT=8000
ENV PG_BIN_DIR=/usr/lib/postgresql/${PG_MAJOR}/bin
# WeasyPrint's libraries (Pango, HarfBuzz, fontconfig) and fonts; the PostgreSQL client from
# the PGDG repository (Debian 12 ships 15).
COPY --from=builder /usr/share/postgresql-common/pgdg/apt.postgresql.org.gpg \
     /usr/share/keyrings/pgdg.gpg
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
      shared-mime-info fonts-dejavu-core fonts-liberation2 \
 && echo "deb [signed-by=/usr/share/keyrings/pgdg.gpg] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends "postgresql-client-${PG_MAJOR}" \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 marelle \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
      --shell /usr/sbin/nologin marelle

COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY manage.py ./
COPY platform/ platform/
COPY tenants/ tenants/
COPY modules/ modules/
COPY api/ api/
COPY --from=frontend /src/frontend/dist frontend/dist

# Static files (the SPA's assets, the admin's) collected and compressed once, into the image:
# whitenoise serves them from there. Production settings need these variables to load; they
# exist for this RUN only and reach nothing (collectstatic opens no connection).
RUN SECRET_KEY=collectstatic-only-not-a-real-key-0123456789abcdef \
    DATABASE_URL=postgres://build@localhost:5432/build \
    REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput --verbosity 0 \
 && python -m compileall -q platform tenants modules api

USER 10001:10001
EXPOSE 8000
ENTRYPOINT ["python", "manage.py"]
CMD ["serve"]
