"""The crèche module's tasks, each run inside one structure's schema (beat fans them out to the
structures that enabled the module: ``Module.periodic_tasks``). Thin: the services do the work
and are safe to run twice or in parallel."""

from config.celery import app


@app.task(name="modules.creche.tasks.lapse_and_remind_requests")
def lapse_and_remind_requests() -> int:
    """Ask families to renew their place requests in time; lapse those not renewed."""
    from modules.creche.services.requests import lapse_and_remind

    return lapse_and_remind()


@app.task(name="modules.creche.tasks.expire_offers")
def expire_offers() -> int:
    """Close the offers not answered in time."""
    from modules.creche.services.requests import expire_offers as expire

    return expire()


@app.task(name="modules.creche.tasks.extend_openings")
def extend_openings() -> int:
    """Keep each establishment's half-hour places open a year ahead."""
    from modules.creche.services.establishments import extend_openings as extend

    return extend()


@app.task(name="modules.creche.tasks.close_finished_contracts")
def close_finished_contracts() -> int:
    """Signed contracts whose end is past become « Terminé »."""
    from modules.creche.services.amendments import close_finished

    return close_finished()
