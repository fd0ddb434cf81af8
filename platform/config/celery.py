"""The Celery app. Tasks are tenant-aware: tenant-schemas-celery puts the current schema in
each message's headers and the worker switches to it before running the task."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = CeleryApp("marelle")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # the tasks.py of every installed app


@app.on_after_configure.connect
def _sentry_tags(sender, **kwargs) -> None:
    from celery.signals import task_prerun

    def tag(task=None, **kw) -> None:
        import sentry_sdk
        from django.db import connection

        sentry_sdk.get_isolation_scope().set_tag("tenant", connection.schema_name)

    task_prerun.connect(tag, weak=False, dispatch_uid="marelle_sentry_tenant_tag")
