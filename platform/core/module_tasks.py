"""Beat for the modules' per-structure work (``Module.periodic_tasks``).

Each module's ``PeriodicTask`` becomes one beat entry (``module_beat_schedule``) that runs
``run_in_structures``: it queues the module's task once in each active structure that enabled
the module, in that structure's schema, like the core's periodic tasks: structures whose schema
lacks the code's migrations are skipped, and the others spread over the fan-out window
(``queue_in_each_structure``). A structure without the module never runs it. The task must be
idempotent: run twice, or twice at once, it changes nothing twice (decision 0028).
"""

from __future__ import annotations

from config.celery import app
from core.tenancy.structures import queue_in_each_structure


@app.task
def run_in_structures(module_id: str, task_name: str) -> int:
    """Beat entry point (public schema); how many structures the task was queued for."""
    return queue_in_each_structure(app.tasks[task_name], module=module_id)


def module_beat_schedule() -> dict[str, dict]:
    """Beat entries for every registered module's periodic tasks."""
    from core.modules import registry

    return {
        f"module-{module.id}-{task.name}": {
            "task": run_in_structures.name,
            "schedule": task.schedule,
            "args": (module.id, task.task),
        }
        for module in registry
        for task in module.periodic_tasks()
    }
