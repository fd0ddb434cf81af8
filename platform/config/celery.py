"""The Celery app. Tasks are tenant-aware: tenant-schemas-celery puts the current schema in
each message's headers and the worker switches to it before running the task."""

import os

from celery.signals import import_modules
from tenant_schemas_celery.app import CeleryApp

from core.observability import celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# core.module_tasks is not an app's tasks.py: named here so that workers know its task.
app = CeleryApp("marelle", include=["core.module_tasks"])
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # the tasks.py of every installed app
# Tasks' log lines carry their structure, task id and the queuing request's id; JSON logs in
# workers and beat too (core/observability/celery_signals.py).
celery_signals.connect()


@import_modules.connect
def _module_schedules(sender, **kwargs) -> None:
    """The modules' periodic tasks join beat's schedule. The module registry is filled once
    Django's apps are ready: Celery's Django fixup sets them up on this same signal, connected
    before this receiver, and beat builds its scheduler only after it."""
    from core.module_tasks import module_beat_schedule

    sender.conf.beat_schedule = {**sender.conf.beat_schedule, **module_beat_schedule()}


@app.on_after_configure.connect
def _sentry_tags(sender, **kwargs) -> None:
    from celery.signals import task_prerun

    def tag(task=None, **kw) -> None:
        import sentry_sdk
        from django.db import connection

        sentry_sdk.get_isolation_scope().set_tag("tenant", connection.schema_name)

    task_prerun.connect(tag, weak=False, dispatch_uid="marelle_sentry_tenant_tag")
