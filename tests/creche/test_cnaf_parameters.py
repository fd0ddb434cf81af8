"""The Cnaf's PSU parameters as dated rows of the public schema, edited in the operators' console
(``modules/creche/cnaf``). Every date below is explicit: nothing depends on today's date."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from core.accounts.models import User
from modules.creche import psu
from modules.creche.cnaf.models import PsuEffortRate, PsuParameterSet
from modules.creche.cnaf.services import parameter_history
from tests.support.clients import client_ip

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/creche_cnaf/psuparameterset/"
OPERATOR = "ops-cnaf@marelle.example"
COLLECTIVE_2022 = {1: "0.000619", 2: "0.000516", 3: "0.000413", 4: "0.000310", 8: "0.000206"}
FAMILIAL_2022 = {1: "0.000516", 2: "0.000413", 3: "0.000310", 6: "0.000206"}


@pytest.fixture
def public(tenants, db):
    connection.set_schema_to_public()
    yield
    connection.set_schema_to_public()


@pytest.fixture
def operator_client(public) -> Client:
    operator = User.objects.create_superuser(email=OPERATOR, password="Operateur2026")
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR=client_ip())
    client.force_login(operator)
    return client


def set_form(
    effective_from: str,
    *,
    floor: str = "830.00",
    ceiling: str = "8500.00",
    collective: dict[int, str] = COLLECTIVE_2022,
    familial: dict[int, str] = FAMILIAL_2022,
    source: str = "Lettre circulaire Cnaf (essai)",
) -> dict[str, str]:
    """The console's add form as a browser posts it: the set, then its rates (inline formset)."""
    rows = [("collective", n, r) for n, r in collective.items()]
    rows += [("familial", n, r) for n, r in familial.items()]
    data = {
        "effective_from": effective_from,
        "floor": floor,
        "ceiling": ceiling,
        "care_tables": json.dumps(dict(psu.CARE_TABLES_SINCE_2019_09)),
        "source": source,
        "rates-TOTAL_FORMS": str(len(rows)),
        "rates-INITIAL_FORMS": "0",
        "rates-MIN_NUM_FORMS": "0",
        "rates-MAX_NUM_FORMS": "1000",
    }
    for i, (table, children_from, rate) in enumerate(rows):
        data[f"rates-{i}-table"] = table
        data[f"rates-{i}-children_from"] = str(children_from)
        data[f"rates-{i}-rate"] = rate
    return data


# --- The seed -----------------------------------------------------------------------------------


def test_the_seed_is_the_published_history(public):
    stored = {s.effective_from: s for s in PsuParameterSet.objects.prefetch_related("rates")}

    assert sorted(stored) == [p.effective_from for p in psu.CNAF_PARAMETERS]
    for published in psu.CNAF_PARAMETERS:
        row = stored[published.effective_from]
        assert row.floor == published.floor
        assert row.ceiling == published.ceiling
        assert row.care_tables == dict(published.care_tables)
        assert row.source == published.source
        rates = {(r.table, r.children_from): r.rate for r in row.rates.all()}
        assert rates == {
            (table, n): rate
            for table in psu.TABLES
            for n, rate in published.effort_rates[table].items()
        }
        assert row.to_parameters() == published


def test_the_history_is_read_from_the_public_table(public, django_assert_max_num_queries):
    PsuParameterSet.objects.filter(effective_from=date(2025, 9, 1)).update(source="Lu en base")

    with django_assert_max_num_queries(2):
        history = parameter_history()

    assert history is not psu.CNAF_PARAMETERS
    in_force = history.at(date(2025, 9, 1))
    assert in_force.ceiling == Decimal("8500")
    assert in_force.source == "Lu en base"
    assert history.at(date(2025, 8, 31)).ceiling == Decimal("7000")
    assert in_force.effort_rate(table="collective", children=1) == Decimal("0.000619")
    assert in_force.effort_rate(table="familial", children=7) == Decimal("0.000206")


def test_an_empty_table_falls_back_on_the_published_history(public):
    PsuParameterSet.objects.all().delete()

    assert parameter_history() is psu.CNAF_PARAMETERS


def test_the_history_drives_the_hourly_rate(public):
    PsuParameterSet.objects.filter(effective_from=date(2025, 9, 1)).update(ceiling=Decimal("9000"))

    rate = psu.hourly_rate(
        params=parameter_history(),
        on=date(2025, 10, 1),
        annual_resources=Decimal("120000"),
        children=1,
        care="collective",
    )

    assert rate.ceiling == Decimal("9000")
    assert rate.hourly_rate == Decimal("5.57")  # 9 000 × 0,0619 % = 5,571


def test_a_structure_reads_the_history_through_its_schema(alpha):
    assert connection.schema_name == alpha.schema_name != "public"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables "
            "WHERE table_name = 'creche_cnaf_psuparameterset'"
        )
        assert [schema for (schema,) in cursor.fetchall()] == ["public"]

    history = parameter_history()

    assert history is not psu.CNAF_PARAMETERS
    assert len(history) == PsuParameterSet.objects.count() == len(psu.CNAF_PARAMETERS)
    assert history.at(date(2025, 9, 1)).ceiling == Decimal("8500")


# --- Model validation ---------------------------------------------------------------------------


def test_a_set_is_validated_by_the_engine(public):
    row = PsuParameterSet.objects.get(effective_from=date(2024, 1, 1))
    row.full_clean()

    row.floor = Decimal("9000")
    with pytest.raises(ValidationError, match="Plancher 9000 et plafond 6000.00 incohérents"):
        row.full_clean()

    row.floor = Decimal("765.77")
    row.rates.filter(table="familial", children_from=1).delete()
    with pytest.raises(ValidationError, match="Le barème familial doit commencer à 1 enfant"):
        row.full_clean()

    row.care_tables = {"collective": "collective"}
    with pytest.raises(ValidationError, match="Chaque type d'accueil doit renvoyer"):
        row.full_clean()


# --- The operators' console ---------------------------------------------------------------------


def test_an_operator_enters_a_new_circular(operator_client):
    page = operator_client.get(f"{ADD_URL}add/")
    assert page.status_code == 200
    body = page.content.decode()
    # Prefilled with the latest set: floor 814,62 € and its nine bands.
    assert 'value="814.62"' in body and 'name="rates-8-rate"' in body

    response = operator_client.post(f"{ADD_URL}add/", set_form("2031-01-01", floor="850.10"))

    assert response.status_code == 302, response.content.decode()[:3000]
    row = PsuParameterSet.objects.get(effective_from=date(2031, 1, 1))
    assert row.updated_by == OPERATOR
    assert row.rates.count() == 9
    history = parameter_history()
    assert history.at(date(2031, 6, 1)).floor == Decimal("850.10")
    assert history.at(date(2031, 6, 1)).effort_rate(table="collective", children=2) == Decimal(
        "0.000516"
    )
    assert history.at(date(2030, 12, 31)).floor == Decimal("814.62")
    assert operator_client.get(ADD_URL).status_code == 200


def test_blank_lines_are_ignored_and_deleted_lines_dropped(operator_client):
    data = set_form("2032-01-01")
    data["rates-2-DELETE"] = "on"  # the collective band "3 enfants" left out
    data["rates-TOTAL_FORMS"] = "10"  # a line added and left blank
    for field in ("table", "children_from", "rate"):
        data[f"rates-9-{field}"] = ""

    response = operator_client.post(f"{ADD_URL}add/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    row = PsuParameterSet.objects.get(effective_from=date(2032, 1, 1))
    bands = sorted((r.table, r.children_from) for r in row.rates.all())
    assert bands == [
        ("collective", 1),
        ("collective", 2),
        ("collective", 4),
        ("collective", 8),
        ("familial", 1),
        ("familial", 2),
        ("familial", 3),
        ("familial", 6),
    ]


def test_an_operator_corrects_a_set_and_its_rates(operator_client):
    row = PsuParameterSet.objects.get(effective_from=date(2021, 1, 1))
    rates = list(row.rates.order_by("table", "children_from"))
    data = {
        "effective_from": "2021-01-01",
        "floor": "711.62",
        "ceiling": "5800.00",
        "care_tables": json.dumps(row.care_tables),
        "source": "Annexe de la LC 2019-005 (vérifiée)",
        "rates-TOTAL_FORMS": str(len(rates)),
        "rates-INITIAL_FORMS": str(len(rates)),
        "rates-MIN_NUM_FORMS": "0",
        "rates-MAX_NUM_FORMS": "1000",
    }
    for i, rate in enumerate(rates):
        data[f"rates-{i}-id"] = str(rate.pk)
        data[f"rates-{i}-parameter_set"] = str(row.pk)
        data[f"rates-{i}-table"] = rate.table
        data[f"rates-{i}-children_from"] = str(rate.children_from)
        data[f"rates-{i}-rate"] = str(rate.rate)
    familial_one = next(
        i for i, r in enumerate(rates) if (r.table, r.children_from) == ("familial", 1)
    )
    data[f"rates-{familial_one}-rate"] = "0.000513"

    response = operator_client.post(f"{ADD_URL}{row.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    in_force = parameter_history().at(date(2021, 6, 1))
    assert in_force.effort_rate(table="familial", children=1) == Decimal("0.000513")
    assert in_force.source == "Annexe de la LC 2019-005 (vérifiée)"
    assert PsuParameterSet.objects.get(pk=row.pk).updated_by == OPERATOR


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"collective": {1: "0.000516", 2: "0.000619", 3: "0.000413"}},
            "Les taux du barème collective doivent décroître avec les enfants.",
        ),
        (
            {"familial": {2: "0.000413", 3: "0.000310"}},
            "Le barème familial doit commencer à 1 enfant.",
        ),
        ({"floor": "9000", "ceiling": "8500"}, "Plancher 9000 et plafond 8500 incohérents."),
        ({"collective": {}}, "Le barème collective doit commencer à 1 enfant."),
    ],
    ids=["rates-not-decreasing", "no-band-for-one-child", "floor-above-ceiling", "no-rates"],
)
def test_an_incoherent_set_is_refused_and_nothing_saved(operator_client, changes, message):
    sets, rates = PsuParameterSet.objects.count(), PsuEffortRate.objects.count()

    response = operator_client.post(f"{ADD_URL}add/", set_form("2031-01-01", **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert PsuParameterSet.objects.count() == sets
    assert PsuEffortRate.objects.count() == rates
    assert parameter_history().at(date(2031, 6, 1)).effective_from == date(2026, 1, 1)


def test_a_duplicated_band_is_refused(operator_client):
    data = set_form("2031-01-01")
    data["rates-1-children_from"] = "1"  # two "1 enfant" lines in the collective table

    response = operator_client.post(f"{ADD_URL}add/", data)

    assert response.status_code == 200
    assert not PsuParameterSet.objects.filter(effective_from=date(2031, 1, 1)).exists()


def test_a_structure_admin_never_sees_the_parameters(alpha, alpha_client):
    root = User.objects.create_superuser(email="root-cnaf@example.org", password="x-Passw0rd!")
    alpha_client.force_login(root)

    index = alpha_client.get("/admin/")
    assert index.status_code == 200
    assert "creche_cnaf" not in index.content.decode()
    assert "barèmes PSU" not in index.content.decode()
    assert alpha_client.get(ADD_URL).status_code == 404
    assert alpha_client.get(f"{ADD_URL}add/").status_code == 404
