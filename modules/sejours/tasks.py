"""The séjours module's tasks, each run inside one structure's schema (beat fans them out to
the structures that enabled the module: ``Module.periodic_tasks``). Thin: the services do
the work and are safe to run twice or in parallel."""

from config.celery import app


@app.task(name="modules.sejours.tasks.expire_offers")
def expire_offers() -> int:
    """Release the places not accepted in time and offer them to the next wishes."""
    from modules.sejours.services.offers import expire_offers as expire

    return expire()


@app.task(name="modules.sejours.tasks.issue_balance_invoices")
def issue_balance_invoices() -> int:
    """Invoice the balance of the places whose balance date has come."""
    from modules.sejours.services.invoices import issue_due_balances

    return issue_due_balances()


@app.task(name="modules.sejours.tasks.notify_decisions")
def notify_decisions(wish_ids: list[int]) -> int:
    """E-mail each family the commission's decisions about its wishes (once per wish)."""
    from modules.sejours.services.notifications import send_decisions

    return send_decisions(wish_ids=wish_ids)


@app.task(name="modules.sejours.tasks.send_convocations")
def send_convocations() -> int:
    """E-mail the convocation of the places whose stay leaves within a week (once per place)."""
    from modules.sejours.services.notifications import send_due_convocations

    return send_due_convocations()
