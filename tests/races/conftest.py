import pytest


@pytest.fixture
def committed(tenants, django_db_blocker):
    """The test structure, with the database unblocked outside any test transaction: the
    threads of a race must see each other's commits."""
    with django_db_blocker.unblock():
        yield tenants["alpha"]
