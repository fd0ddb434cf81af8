"""``manage.py serve``: the web server (gunicorn) of the container image and the chart.

The process is *replaced* by gunicorn (``os.execvp``), not started as a child: Kubernetes sends
SIGTERM to the container's first process, and gunicorn must receive it itself to finish the
requests in flight within ``--graceful-timeout`` before the pod goes away.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def python_path(environ: Mapping[str, str]) -> str:
    """PYTHONPATH for the exec'd program: ``platform/`` and the checkout's root come first, as
    manage.py arranges for itself (gunicorn and celery import ``config`` from there)."""
    root = settings.BASE_DIR
    entries = [str(root / "platform"), str(root)]
    entries += [p for p in environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys(entries))


def gunicorn_argv(
    *, environ: Mapping[str, str], port: int | None = None, workers: int | None = None
) -> list[str]:
    """gunicorn's command line: the options win over the environment, then the defaults."""
    port = port or int(environ.get("PORT", "8000"))
    workers = workers or int(environ.get("WEB_CONCURRENCY", "4"))
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"0.0.0.0:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        # The heartbeat files go to memory-backed /tmp (an emptyDir): the root filesystem is
        # read-only in the chart, and a slow disk there makes gunicorn kill healthy workers.
        "--worker-tmp-dir",
        "/tmp",  # noqa: S108 - gunicorn's heartbeat files, not data
        # No gunicorn access log: its lines carry the client's address and the query string
        # (confirmation keys, searches). Marelle's own request log line has neither
        # (core.observability.request_context), in the JSON format of every other record.
        "--error-logfile",
        "-",
        "--timeout",
        environ.get("GUNICORN_TIMEOUT", "60"),
        "--graceful-timeout",
        environ.get("GUNICORN_GRACEFUL_TIMEOUT", "25"),
        "--keep-alive",
        environ.get("GUNICORN_KEEPALIVE", "5"),
        # Only these proxies' X-Forwarded-* headers are believed (scheme and client address).
        "--forwarded-allow-ips",
        environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]


def prepare_metrics_dir(environ: Mapping[str, str]) -> Path | None:
    """``PROMETHEUS_MULTIPROC_DIR``, created and emptied: gunicorn's processes each write their
    counters there and a scrape adds them up, so the files of a previous run (a container
    restarted in the same pod keeps its emptyDir) must go before the new processes start."""
    if not environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    folder = Path(environ["PROMETHEUS_MULTIPROC_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()
    return folder


class Command(BaseCommand):
    help = (
        "Lance le serveur web (gunicorn) à la place de ce processus : port $PORT (8000), "
        "$WEB_CONCURRENCY processus (4)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, help="port d'écoute (défaut : $PORT ou 8000)")
        parser.add_argument(
            "--workers", type=int, help="processus gunicorn (défaut : $WEB_CONCURRENCY ou 4)"
        )

    def handle(self, *args, **options):
        argv = gunicorn_argv(environ=os.environ, port=options["port"], workers=options["workers"])
        prepare_metrics_dir(os.environ)
        os.environ["PYTHONPATH"] = python_path(os.environ)
        os.execvp(argv[0], argv)  # noqa: S606 - our own argv, no shell
