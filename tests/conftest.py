"""Two structures exist for the whole session; tests run in ``alpha`` unless they cross.

In a parallel run (pytest-xdist, ``-n N``) each worker has a session, and so a test database
and two structures, of its own (see ``tests/README.md``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from tests.support.clients import client_ip
from tests.support.clock import Clock, instant
from tests.support.dossier import family, parent, self_signup, staff  # noqa: F401 - shared
from tests.support.factories import ALPHA, BETA, make_tenant

# Folders whose tests run one after another on one worker of a parallel run, after every other
# test: one browser and one live server at a time, never two rushes of threads at once. Their
# tests commit data (the live server and the threads must see it) that stays in the structures;
# a serial run has them last too (pytest-django runs the tests without ``db`` last).
SERIAL_FOLDERS = {"e2e": pytest.mark.e2e, "races": pytest.mark.races}


def _folder(nodeid: str) -> str:
    """``tests/<folder>/test_x.py::test_y`` → ``<folder>``."""
    parts = nodeid.split("::")[0].split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "tests" else ""


def pytest_collection_modifyitems(items):
    for item in items:
        marker = SERIAL_FOLDERS.get(_folder(item.nodeid))
        if marker:
            item.add_marker(marker)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """A parallel run (``-n N``) hands the tests out one at a time, in the order of collection,
    to whichever worker is free; the tests of ``SERIAL_FOLDERS`` go as one unit to a single
    worker, last. (``--dist loadgroup`` would group them with ``xdist_group`` marks, but those
    marks are lost on pytest 9.2: pytest-xdist issue 1386.) Another ``--dist`` than the default
    keeps its own scheduler."""
    if config.option.dist != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SerialFoldersScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "serial" if _folder(nodeid) in SERIAL_FOLDERS else nodeid

        def schedule(self) -> None:
            super().schedule()
            if "serial" in self.workqueue:
                self.workqueue.move_to_end("serial")

    # In the order of collection, not the biggest unit first.
    config.option.loadscopereorder = False
    return SerialFoldersScheduling(config, log)


@pytest.fixture(autouse=True)
def clock(request):
    """The test's frozen "now" (see ``tests/support/clock.py``): the machine's "now" at the start
    of the test, or the instant of its ``frozen_at`` marker; live for the e2e tests (Chromium has
    a clock of its own)."""
    node = request.node
    if node.get_closest_marker("e2e"):
        yield Clock(None)
        return
    marker = node.get_closest_marker("frozen_at")
    start = instant(marker.args[0]) if marker else datetime.now(UTC)
    with time_machine.travel(start, tick=False) as traveller:
        yield Clock(traveller)


@pytest.fixture(scope="session", autouse=True)
def _eager_celery():
    """Unit and API tests run tasks inline; tests marked with ``celery_worker`` use a real one."""
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_modify_db_settings, django_db_blocker
):
    """Always create the test database.

    pytest-django only sets it up when a collected test asks for ``db``; the e2e tests do not
    (the live server must see committed data), and would otherwise write to the demo database.
    ``django_db_modify_db_settings`` suffixes its name with the worker's id in a parallel run
    (``test_marelle_<pid>_gw0``).
    """
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=verbosity, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
    yield
    with django_db_blocker.unblock():
        # Threads of the live server and of the in-process worker may still hold an idle
        # connection; they are done, and DROP DATABASE needs them gone.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        teardown_databases(config, verbosity=verbosity)


@pytest.fixture(scope="session")
def tenants(django_db_setup, django_db_blocker):
    from tenants.provisioning import ensure_public_tenant

    assert connection.settings_dict["NAME"].startswith("test_"), "not on the test database"
    with django_db_blocker.unblock():
        ensure_public_tenant()
        alpha = make_tenant(ALPHA)
        beta = make_tenant(BETA)
        connection.set_schema_to_public()
    _structures.extend([alpha, beta])
    return {"alpha": alpha, "beta": beta}


# The session's two Tenant objects, once provisioned: every test is given the same ones.
_structures: list = []


@pytest.fixture
def alpha(tenants, db):
    tenant = tenants["alpha"]
    with tenant_context(tenant):
        yield tenant


@pytest.fixture
def beta(tenants):
    return tenants["beta"]


@pytest.fixture
def alpha_client(alpha) -> Client:
    return Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip())


@pytest.fixture
def beta_client(beta) -> Client:
    return Client(HTTP_HOST="beta.localhost", REMOTE_ADDR=client_ip())


@pytest.fixture(autouse=True)
def _fresh_host_cache(django_db_blocker):
    """A test that changes a structure inside its rolled-back transaction must not leave the
    changed row in the host cache for the next test, nor in the session's Tenant objects
    (``set_modules`` changes the object it is given; a later ``save()`` of it would write the
    change back). Torn down after the test's transaction is rolled back."""
    yield
    from core.tenancy.routing import invalidate_hosts

    invalidate_hosts(["alpha.localhost", "beta.localhost", "localhost"])
    with django_db_blocker.unblock():
        for tenant in _structures:
            tenant.refresh_from_db()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Fast hashing for the accounts tests create; PBKDF2 still verifies data seeded outside.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
