from django.db import connection

from config.celery import app

RAN_IN: list[str] = []


@app.task
def count_workshops() -> int:
    """Records the schema it ran in: the test checks where beat's fan-out sent it."""
    from core.catalog.models import Activity

    RAN_IN.append(connection.schema_name)
    return Activity.objects.filter(module="ateliers").count()
