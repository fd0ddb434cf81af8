import pytest
from django.db import connection
from django_tenants.utils import schema_context

from core.modules import registry
from tenants.models import Tenant


@pytest.fixture(scope="session", autouse=True)
def structures_first(tenants):
    """The test structures, provisioned before any test's transaction opens: a module whose
    tests carry only the ``django_db`` mark would otherwise create them inside its first
    test's transaction, rolled back with it."""
    return tenants


@pytest.fixture(autouse=True)
def creche_on(request):
    """The crèche module, enabled on the test structure (alpha) for each database test here
    (the pure tests of the PSU and the attendance need no database)."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    alpha = request.getfixturevalue("alpha")
    before = list(alpha.modules)
    alpha.modules = [*before, "creche"]
    with schema_context("public"):
        Tenant.objects.filter(pk=alpha.pk).update(modules=alpha.modules)
    connection.set_tenant(alpha)
    registry.get("creche").install_defaults(tenant=alpha)
    # The roles get the crèche's permissions, as enabling the module from the console does.
    from core.accounts.roles import install_roles

    install_roles()
    yield
    alpha.modules = before
    # A request to the other structure leaves the connection on its schema: restore by pk.
    with schema_context("public"):
        Tenant.objects.filter(pk=alpha.pk).update(modules=before)
