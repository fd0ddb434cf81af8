"""The settings module: demo mode without variables, production behaviour with them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, sys; sys.path[:0] = ['platform', '.'];"
    "from config import settings as s;"
    "print(json.dumps({'debug': s.DEBUG, 'secure': s.SESSION_COOKIE_SECURE if hasattr(s, "
    "'SESSION_COOKIE_SECURE') else False, 'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), "
    "'csrf_secure': getattr(s, 'CSRF_COOKIE_SECURE', False), 'engine': "
    "s.DATABASES['default']['ENGINE'], 'host': s.DATABASES['default'].get('HOST'), "
    "'cookie_domain': s.SESSION_COOKIE_DOMAIN, 'email': s.EMAIL_BACKEND, 'redis': s.REDIS_URL,"
    "'cookie_name': s.SESSION_COOKIE_NAME,"
    "'csrf_trusted': getattr(s, 'CSRF_TRUSTED_ORIGINS', [])}))"
)
PRODUCTION = {
    "DATABASE_URL": "postgres://marelle:secret@db.internal:5432/marelle",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "PLATFORM_DOMAIN": "marelle.fr",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.org:587",
}


def run_settings(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SENTRY_DSN", "EMAIL_URL"}
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,  # noqa: S603
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_settings(PRODUCTION)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "refuse de démarrer" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_settings({**PRODUCTION, "SECRET_KEY": "court"})

    assert result.returncode != 0


def test_production_has_secure_cookies_hsts_and_no_debug():
    result = run_settings({**PRODUCTION, "SECRET_KEY": "x" * 64, "DEBUG": "true"})

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["debug"] is False
    assert values["secure"] is True and values["csrf_secure"] is True
    assert values["hsts"] >= 31536000
    assert values["host"] == "db.internal"
    assert values["engine"] == "django_tenants.postgresql_backend"
    assert values["cookie_domain"] is None
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["redis"] == "redis://redis.internal:6379/0"
    assert values["cookie_name"].startswith("__Host-")
    assert values["csrf_trusted"] == []  # no structure's origin is trusted by another


def test_production_refuses_to_start_without_redis():
    env = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    result = run_settings({**env, "SECRET_KEY": "x" * 64})

    assert result.returncode != 0
    assert "REDIS_URL est obligatoire" in result.stderr


def test_demo_mode_uses_the_embedded_servers_and_debug():
    result = run_settings({})

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["debug"] is True
    assert values["host"].endswith(".data/postgres")
    assert values["redis"].startswith("unix://") and values["redis"].endswith("redis.sock")
    assert values["email"] == "core.messaging.backends.ConsoleAndFileEmailBackend"
