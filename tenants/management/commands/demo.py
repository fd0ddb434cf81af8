"""``manage.py demo``: migrate, seed the demo structures, run the web server, a worker (both
queues) and beat."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from config import embedded
from core.tenancy.routing import platform_base_url, tenant_base_url
from tenants.demo import ACCOUNTS, DEMO_PASSWORD, OPERATOR_EMAIL, seed_demo


def serve_on_port(port: int) -> dict[str, str]:
    """Make every link follow the port the demo serves: this process's settings (the seeding,
    the welcome) and the environment of the web server and worker it spawns (e-mails sent by a
    request or by a task). Returns that environment."""
    settings.PLATFORM_PORT = str(port)
    return {**os.environ, "PYTHONUNBUFFERED": "1", "PLATFORM_PORT": str(port)}


def welcome_urls(tenants) -> list[tuple[str, str]]:
    """(label, URL) of each demo structure and of the operators' console, as printed."""
    urls = [(tenant.name, tenant_base_url(tenant)) for tenant in tenants]
    return [*urls, ("Console des opérateurs", f"{platform_base_url()}/admin/")]


def worker_command() -> list[str]:
    """One worker for both queues (production runs one Deployment per queue)."""
    queues = [settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_DOCUMENTS_QUEUE]
    return [sys.executable, "-m", "celery", "-A", "config", "worker"] + [
        *("--loglevel", "INFO", "--concurrency", "2", "-Q", ",".join(queues))
    ]


def beat_command() -> list[str]:
    """The one beat: the nightly and periodic work of every structure (decision 0028)."""
    schedule = embedded.DATA_DIR / "celerybeat-schedule"
    return [sys.executable, "-m", "celery", "-A", "config.celery", "beat"] + [
        *("--loglevel", "INFO", "--schedule", str(schedule))
    ]


class Command(BaseCommand):
    help = "Lance la démo : PostgreSQL et Redis embarqués, trois structures, web, worker et beat."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="prépare les données puis s'arrête (sans serveur)",
        )

    def handle(self, *args, port: int, no_serve: bool, **options):
        if not settings.DEMO_MODE:
            raise CommandError("La démo ne tourne qu'en mode embarqué (sans DATABASE_URL).")
        env = serve_on_port(port)
        self.stdout.write("Préparation de la base (migrations)…")
        call_command("setup_platform", verbosity=0)
        tenants = seed_demo()
        if no_serve:
            return
        processes = self._start(port, env)
        self._print_welcome(tenants)
        self._wait(processes)

    def _start(self, port: int, env: dict[str, str]) -> list[subprocess.Popen]:
        web = subprocess.Popen(  # noqa: S603 - our own interpreter and modules
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ],
            env=env,
            start_new_session=True,
        )
        worker = subprocess.Popen(worker_command(), env=env, start_new_session=True)  # noqa: S603
        beat = subprocess.Popen(beat_command(), env=env, start_new_session=True)  # noqa: S603
        return [web, worker, beat]

    def _print_welcome(self, tenants) -> None:
        lines = ["", "Marelle tourne. Structures de démonstration :"]
        *structures, (console, console_url) = welcome_urls(tenants)
        for name, url in structures:
            lines.append(f"  • {name:<34} {url}")
        lines.append(f"  • {console:<34} {console_url} ({OPERATOR_EMAIL} / {DEMO_PASSWORD})")
        lines.append("")
        lines.append("Comptes (les mêmes sur chaque structure) :")
        for account in ACCOUNTS:
            note = " (mot de passe provisoire à changer)" if account.temporary else ""
            lines.append(
                f"  • {account.role.label:<31} {account.email:<28} {account.password}{note}"
            )
        lines.append("")
        lines.append(f"E-mails envoyés : console et {settings.EMAIL_FILE_PATH}")
        lines.append("Ctrl-C arrête tout (web, worker, beat, PostgreSQL et Redis embarqués).")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))

    def _wait(self, processes: list[subprocess.Popen]) -> None:
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes):
                time.sleep(0.3)
        finally:
            self.stdout.write("\nArrêt en cours…")
            for p in processes:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGTERM)
            for p in processes:
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
            from django.db import connections

            connections.close_all()
            embedded.stop_all()
            self.stdout.write("Tout est arrêté.")
