"""Numbering under concurrency: two runs published at once never duplicate nor skip a number.

The runs are marked for publication with their task held, then published from two threads
(one database connection each) at the same instant, on committed data;
the control takes numbers without the counter's row lock, pausing both threads between the
read and the write, and gets the same numbers twice.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import transaction
from django_tenants.utils import tenant_context

from core.billing.models import Invoice, InvoiceRun, InvoiceSeries
from core.billing.services import numbering
from core.billing.services.runs import compute_run, create_run, publish_run, request_publish
from tests.support.billing import priced_activity, reserve
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family
from tests.support.races import in_threads

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)

FAMILIES = 6


def test_two_runs_published_at_once_number_without_duplicate_or_gap(committed):
    alpha = committed
    with tenant_context(alpha):
        series = InvoiceSeries.objects.create(name="Concurrence", invoice_prefix="C{annee}-")
        runs = []
        for name in ("Cantine", "Garderie"):
            activity = priced_activity(name=f"{name} concurrence")
            for _ in range(FAMILIES):
                family, _ = make_family(tenant=alpha)
                reserve(family.children.get(), activity, date(2026, 9, 7))
            run = create_run(
                label=name,
                period_start=date(2026, 9, 1),
                period_end=date(2026, 9, 30),
                activity_ids=[activity.pk],
                series=series,
            )
            compute_run(run_id=run.pk)
            # The task is held: both runs must still be waiting when the threads start, or
            # the threads would have nothing left to number (Celery runs inline in tests).
            runs.append(request_publish(run=run, issue_date=date(2026, 10, 1), dispatch=False))
        assert set(
            InvoiceRun.objects.filter(pk__in=[r.pk for r in runs]).values_list("status", flat=True)
        ) == {InvoiceRun.STATUS_PUBLISHING}
        assert not Invoice.objects.filter(series=series).exists()

    in_threads(lambda i: publish_run(run_id=runs[i].pk), 2, alpha)

    with tenant_context(alpha):
        assert set(
            InvoiceRun.objects.filter(pk__in=[r.pk for r in runs]).values_list("status", flat=True)
        ) == {InvoiceRun.STATUS_PUBLISHED}
        sequences = sorted(Invoice.objects.filter(series=series).values_list("sequence", flat=True))
        assert sequences == list(range(1, 2 * FAMILIES + 1))


def test_control_without_the_counter_lock_hands_out_the_same_numbers_twice(committed):
    alpha = committed
    with tenant_context(alpha):
        series = InvoiceSeries.objects.create(name="Concurrence témoin", invoice_prefix="W{annee}-")
        # The counter row exists: otherwise the second INSERT … ON CONFLICT waits for the first.
        series.counters.create(kind="invoice", year=2026)
    pause = threading.Barrier(2)

    def take(_index: int):
        with transaction.atomic():
            return numbering.take_numbers(series=series, kind="invoice", year=2026, count=3)

    numbering.GUARD = False
    numbering._after_read = lambda: pause.wait(10)
    try:
        first, second = in_threads(take, 2, alpha)
    finally:
        numbering.GUARD = True
        numbering._after_read = None
    assert first == second  # both threads numbered W2026-000001…3


def test_with_the_lock_the_same_pause_cannot_duplicate(committed):
    alpha = committed
    with tenant_context(alpha):
        series = InvoiceSeries.objects.create(name="Concurrence verrou", invoice_prefix="V{annee}-")

    def take(_index: int):
        with transaction.atomic():
            return numbering.take_numbers(series=series, kind="invoice", year=2026, count=3)

    first, second = in_threads(take, 2, alpha)
    assert sorted(n for _, n, _ in first + second) == [1, 2, 3, 4, 5, 6]
