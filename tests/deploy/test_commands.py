"""The image's entry points (`manage.py serve | worker | beat`): the command line each one
replaces itself with. Nothing is started: ``os.execvp`` is intercepted."""

from __future__ import annotations

import os
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tenants.management.commands.beat import beat_argv
from tenants.management.commands.serve import gunicorn_argv, prepare_metrics_dir
from tenants.management.commands.worker import worker_argv


class Exec(Exception):
    """Raised in place of the exec, with what would have run."""


@pytest.fixture
def executed(monkeypatch):
    """Runs a command and returns (argv, PYTHONPATH) it would have exec'd."""
    monkeypatch.setenv("PYTHONPATH", "/opt/extra")
    # `serve` empties this folder: never one the test run itself may use.
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)

    def fake_execvp(file, args):
        raise Exec(file, list(args), os.environ["PYTHONPATH"])

    monkeypatch.setattr(os, "execvp", fake_execvp)

    def run(*args: str, **env: str) -> tuple[list[str], str]:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        with pytest.raises(Exec) as caught:
            call_command(*args)
        file, argv, python_path = caught.value.args
        assert file == argv[0] == sys.executable
        return argv, python_path

    return run


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_serve_defaults_to_port_8000_four_sync_workers_and_logs_to_stdout():
    argv = gunicorn_argv(environ={})
    assert argv[1:4] == ["-m", "gunicorn", "config.wsgi:application"]
    assert _option(argv, "--bind") == "0.0.0.0:8000"
    assert _option(argv, "--workers") == "4"
    assert _option(argv, "--worker-class") == "sync"
    assert _option(argv, "--worker-tmp-dir") == "/tmp"
    assert "--access-logfile" not in argv  # our request log has no query string nor address
    assert _option(argv, "--error-logfile") == "-"
    assert _option(argv, "--forwarded-allow-ips") == "127.0.0.1"
    assert "--graceful-timeout" in argv


def test_serve_follows_the_environment_and_the_options_win():
    environ = {
        "PORT": "9000",
        "WEB_CONCURRENCY": "3",
        "FORWARDED_ALLOW_IPS": "*",
        "GUNICORN_GRACEFUL_TIMEOUT": "40",
    }
    argv = gunicorn_argv(environ=environ)
    assert _option(argv, "--bind") == "0.0.0.0:9000"
    assert _option(argv, "--workers") == "3"
    assert _option(argv, "--forwarded-allow-ips") == "*"
    assert _option(argv, "--graceful-timeout") == "40"
    argv = gunicorn_argv(environ=environ, port=8100, workers=2)
    assert _option(argv, "--bind") == "0.0.0.0:8100"
    assert _option(argv, "--workers") == "2"


def test_serve_replaces_itself_with_gunicorn_that_finds_the_source_roots(executed):
    argv, python_path = executed("serve", "--workers", "2", PORT="8123")
    assert argv[1:3] == ["-m", "gunicorn"]
    assert _option(argv, "--bind") == "0.0.0.0:8123"
    assert _option(argv, "--workers") == "2"
    paths = python_path.split(os.pathsep)
    assert paths == [str(settings.BASE_DIR / "platform"), str(settings.BASE_DIR), "/opt/extra"]


def test_serve_empties_the_metrics_folder_of_a_previous_run(executed, tmp_path):
    folder = tmp_path / "prometheus"
    folder.mkdir()
    (folder / "counter_123.db").write_bytes(b"old")
    executed("serve", PROMETHEUS_MULTIPROC_DIR=str(folder))
    assert folder.is_dir() and list(folder.iterdir()) == []
    fresh = tmp_path / "new" / "prometheus"
    assert prepare_metrics_dir({"PROMETHEUS_MULTIPROC_DIR": str(fresh)}) == fresh
    assert fresh.is_dir()
    assert prepare_metrics_dir({}) is None


def test_worker_defaults_to_the_default_queue_and_names_itself_after_the_host():
    argv = worker_argv(environ={})
    assert argv[1:6] == ["-m", "celery", "-A", "config.celery", "worker"]
    assert _option(argv, "--queues") == settings.CELERY_TASK_DEFAULT_QUEUE
    assert _option(argv, "--concurrency") == "2"
    assert _option(argv, "--hostname") == "celery@%h"
    assert "--max-memory-per-child" not in argv


def test_worker_takes_its_queues_concurrency_and_memory_from_the_chart(executed):
    argv, _ = executed(
        "worker",
        "--queues",
        "documents,exports",
        "--concurrency",
        "3",
        "--max-memory-per-child",
        "524288",
    )
    assert argv[3:6] == ["-A", "config.celery", "worker"]
    assert _option(argv, "--queues") == "documents,exports"
    assert _option(argv, "--concurrency") == "3"
    assert _option(argv, "--max-memory-per-child") == "524288"
    assert _option(argv, "--hostname") == "celery@%h"


def test_worker_reads_the_environment_when_no_option_is_given():
    environ = {
        "CELERY_WORKER_QUEUES": "marelle, documents",
        "CELERY_WORKER_CONCURRENCY": "6",
        "CELERY_WORKER_MAX_MEMORY_PER_CHILD": "1000",
        "LOG_LEVEL": "WARNING",
    }
    argv = worker_argv(environ=environ)
    assert _option(argv, "--queues") == "marelle,documents"
    assert _option(argv, "--concurrency") == "6"
    assert _option(argv, "--max-memory-per-child") == "1000"
    assert _option(argv, "--loglevel") == "WARNING"


def test_worker_refuses_a_negative_memory_limit():
    with pytest.raises(CommandError):
        worker_argv(environ={}, max_memory_per_child=-1)


def test_beat_keeps_its_schedule_in_the_writable_tmp(executed):
    argv, _ = executed("beat")
    assert argv[1:6] == ["-m", "celery", "-A", "config.celery", "beat"]
    assert _option(argv, "--schedule") == "/tmp/celerybeat-schedule"
    assert _option(beat_argv(environ={}, schedule="/tmp/x"), "--schedule") == "/tmp/x"
