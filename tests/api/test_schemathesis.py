"""Schemathesis over every operation of the committed schema (``api/openapi.yaml``).

Each profile (nobody signed in, the demo family's guardian, each staff role) sends requests
generated from the schema to Django's WSGI application, in process, on a structure holding the
demo commune's data (``tests/api/schemathesis_world.py``). Every answer must hold to the schema: no
server error, a status code the operation declares, the declared content type, a body that
matches the declared schema (errors included: ``api/schema.py`` declares them).

Bounded and reproducible: Hypothesis runs derandomized, without an example database and
without shrinking, a few examples per operation and profile, on data built at a fixed instant.
A profile gets the full budget on the operations ``tests/api/access_matrix.py`` opens to it: first
with the ids of real objects in the URL and in the id filters, then with generated ones (valid
and invalid data mixed); elsewhere one example checks the refusal. Each request runs in a
savepoint rolled back afterwards: a DELETE or a publication never changes what the next sees.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
import schemathesis
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test.utils import override_settings
from django.urls import Resolver404, resolve
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug import Client

from tests.api.access_matrix import ANYONE, FAMILY, MATRIX, SIGNED_IN
from tests.api.schemathesis_world import ANONYMOUS, PARENT, PROFILES, build_world
from tests.support.clients import client_ip
from tests.support.clock import BILLING_TESTS_NOW, instant
from tests.support.factories import ALPHA

ROOT = Path(__file__).resolve().parents[2]
HOST = "alpha.localhost"
BASE_URL = f"http://{HOST}"
# Any 32 letters and digits make a valid CSRF secret; the same value goes in the cookie and the
# header, as the SPA sends them (SessionAuthentication checks it on a signed-in write).
CSRF_TOKEN = "schemathesisFuzzCsrfToken0123456"

# Examples per operation and profile: about 5,800 requests in all, the file runs in about two
# minutes on two cores.
REAL_EXAMPLES = 8
GENERATED_EXAMPLES = 5
REFUSED_EXAMPLES = 1

# Query parameters that filter on an object, with the kind of object they name.
QUERY_IDS = {
    "child": "child",
    "family": "family",
    "activity": "activity",
    "unit": "unit",
    "run": "run",
    "document_type": "document_type",
}

# Fields of a body that name an object (or a list of them), with the kind of object: real ones
# in the examples with real ids, so that writes get past the lookups to the rules.
BODY_IDS = {
    "activity": "activity",
    "booking_policy": "policy",
    "cancel_policy": "policy",
    "child": "child",
    "consent": "consent_type",
    "document_type": "document_type",
    "family": "family",
    "group": "group",
    "invoice": "invoice",
    "meal_type": "meal_type",
    "opening": "opening",
    "question": "authorisation_question",
    "reservation": "reservation",
    "school_level": "school_level",
    "unit": "unit",
}
BODY_ID_LISTS = {
    "activity_ids": "activity",
    "invoice_ids": "invoice",
    "school_levels": "school_level",
}

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def load_operations(**generation) -> list:
    # The session and CSRF cookies are the profile's own, never generated.
    config = schemathesis.Config.from_dict(
        {"generation": {"with-security-parameters": False, **generation}}
    )
    schema = schemathesis.openapi.from_path(ROOT / "api" / "openapi.yaml", config=config)
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = load_operations()
# The same, without NUL characters: the request guard refuses them before any view, and the
# examples with real ids are there to reach the views.
TO_VIEWS = {operation.label: operation for operation in load_operations(**{"allow-x00": False})}
APP = WSGIHandler()
# Values that fit the URL converters (int, uuid), to find the route an operation's path names.
PLACEHOLDERS = ("1", "00000000-0000-0000-0000-000000000000")

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)


@pytest.fixture(scope="module")
def world(tenants, django_db_blocker):
    """The structure's data, built once for the module in a transaction rolled back at its end.

    Requests run in that transaction, on the test's connection: Django's handler must not close
    it at each request, as Django's test client ensures for its own requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        time_machine.travel(instant(BILLING_TESTS_NOW), tick=False),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with tenant_context(tenants["alpha"]):
                built = build_world(HOST, CSRF_TOKEN)
            connection.set_schema_to_public()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.set_schema_to_public()
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            from core.tenancy.routing import invalidate_hosts

            invalidate_hosts([HOST])


@pytest.fixture
def _no_local_constants(monkeypatch):
    """Hypothesis mixes into its data constants it finds in the project's loaded modules; which
    modules are loaded depends on the other tests collected with this file, and so would the
    requests. Without them the same requests go out whatever runs alongside."""
    from hypothesis.internal.conjecture import providers

    monkeypatch.setattr(providers, "_get_local_constants", providers.Constants)


def route_rule(operation, ids: dict):
    """The access matrix's rule for the operation's route, and real values for its path."""
    names = [p.name for p in operation.path_parameters]
    for values in itertools.product(PLACEHOLDERS, repeat=len(names)):
        url = operation.path
        for name, value in zip(names, values, strict=True):
            url = url.replace("{" + name + "}", value)
        try:
            match = resolve(url)
        except Resolver404:
            continue
        rule = MATRIX[match.view_name]
        if not in_structure(rule):
            return replace(rule, disabled=True), {}
        # drf-spectacular names a ``pk`` URL argument ``id``.
        real = {"id" if arg == "pk" else arg: ids[kind] for arg, kind in rule.ids.items()}
        return rule, real
    raise LookupError("no route of the URL configuration answers this path")


FUZZED_MODULES = frozenset(ALPHA["modules"])


def in_structure(rule) -> bool:
    """The fuzzed structure runs the périscolaire only: a route of another module answers 404
    there, as if absent (the access matrix checks it with its module enabled)."""
    return rule.module is None or rule.module in FUZZED_MODULES


def may_call(rule, method: str, profile: str) -> bool:
    if rule.disabled:
        return False
    audience = rule.audience(method)
    if audience == ANYONE:
        return True
    if audience == SIGNED_IN:
        return profile != ANONYMOUS
    if audience == FAMILY:
        return profile == PARENT
    return profile in audience


def mixed(operation, **fixed):
    """Valid and invalid data mixed (an operation without input has no invalid form)."""
    positive = operation.as_strategy(**fixed)
    try:
        negative = operation.as_strategy(GenerationMode.NEGATIVE, **fixed)
    except Exception:
        return positive
    return st.one_of(positive, negative)


def runs(operation, profile: str, ids: dict) -> list:
    """(strategy, examples, real ids for the body or None) for each round of requests the
    profile sends to the operation."""
    rule, real = route_rule(operation, ids)
    if not may_call(rule, operation.method.upper(), profile):
        return [(mixed(operation), REFUSED_EXAMPLES, None)]
    query = {p.name: ids[QUERY_IDS[p.name]] for p in operation.query if p.name in QUERY_IDS}
    with_real_ids = mixed(
        TO_VIEWS[operation.label], path_parameters=real or None, query=query or None
    )
    return [(with_real_ids, REAL_EXAMPLES, ids), (mixed(operation), GENERATED_EXAMPLES, None)]


def put_real_ids(value, ids: dict) -> None:
    """Replace, in a generated body, the ids of the fields that name an object by real ones."""
    if isinstance(value, list):
        for item in value:
            put_real_ids(item, ids)
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if key in BODY_IDS and type(item) is int:
            value[key] = ids[BODY_IDS[key]]
        elif key in BODY_ID_LISTS and isinstance(item, list) and item:
            value[key] = [ids[BODY_ID_LISTS[key]]]
        else:
            put_real_ids(item, ids)


def fuzz(strategy, examples: int, cookies: dict[str, str], address: str, ids=None) -> None:
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(case=strategy)
    def send(case):
        if ids is not None:
            put_real_ids(case.body, ids)
        # A fresh client per request: a cookie an answer sets never reaches the next request.
        client = Client(APP)
        for name, value in cookies.items():
            client.set_cookie(name, value, domain=HOST)
        with transaction.atomic():
            response = case.call(
                base_url=BASE_URL,
                session=client,
                app=APP,
                headers={"X-CSRFToken": CSRF_TOKEN},
                # Throttles count per address: the fuzzer's own, never another test's.
                environ_overrides={"REMOTE_ADDR": address},
            )
            transaction.set_rollback(True)
        connection.set_schema_to_public()
        case.validate_response(response, checks=CHECKS)

    send()


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.usefixtures("_no_local_constants")
def test_every_operation_answers_as_the_schema_says(world, django_db_blocker, profile):
    cookies = world.cookies[profile]
    address = client_ip()
    failures = []
    with django_db_blocker.unblock():
        for operation in OPERATIONS:
            try:
                for strategy, examples, ids in runs(operation, profile, world.ids):
                    fuzz(strategy, examples, cookies, address, ids)
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} as {profile}: {type(exc).__name__}: {exc}")
    assert not failures, "\n\n".join(failures)
