import pytest

from core.modules import registry


@pytest.fixture(autouse=True)
def sejours_on(request):
    """The séjours module, enabled on the test structure (alpha) for each database test here
    (the pure tests of the allocation and the money need no database)."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    alpha = request.getfixturevalue("alpha")
    before = list(alpha.modules)
    alpha.modules = [*before, "sejours"]
    alpha.save(update_fields=["modules"])
    registry.get("sejours").install_defaults(tenant=alpha)
    yield
    alpha.modules = before
    alpha.save(update_fields=["modules"])
