"""The yearly FILOUÉ file: one row per child whose contract carries the family's FILOUÉ consent
(given on the contract page, never a consent of the core asked of every guardian), with the
Cnaf's fields, as CSV."""

from datetime import date

import pytest

from core.accounts.roles import Role
from core.families.models import ConsentType
from modules.creche.services.filoue import CONSENT_LABEL, HEADERS, filoue_year
from tests.support.clients import HOST, logged
from tests.support.creche import make_toddler
from tests.support.creche_money import (
    attend_month,
    creche_run,
    money_contract,
    money_establishment,
)
from tests.support.factories import make_family, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/creche/staff/filoue"
FEB = (date(2027, 2, 1), date(2027, 2, 28))


@pytest.fixture
def establishment(alpha):
    return money_establishment(open_from=date(2027, 1, 1), open_until=date(2027, 3, 31))


def cared_for(family, establishment):
    contract = money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 7, 30),
    )
    attend_month(contract, *FEB)
    return contract


@pytest.fixture
def two_families(alpha, establishment):
    yes, _ = make_family(tenant=alpha)
    yes.allocataire_number, yes.regime, yes.postal_code = "1234567", "caf", "69003"
    yes.save()
    no, _ = make_family(tenant=alpha)
    kept, left = cared_for(yes, establishment), cared_for(no, establishment)
    kept.filoue_consent = True
    kept.save(update_fields=["filoue_consent"])
    creche_run(establishment, *FEB)
    return kept, left


def test_only_children_of_consenting_contracts_are_exported(two_families, establishment):
    kept, left = two_families

    file = filoue_year(establishment=establishment, year=2027)

    assert [row.child_id for row, _ in file.rows] == [kept.child_id]
    assert file.excluded == 1


def test_a_withdrawn_consent_leaves_the_child_out(two_families, establishment):
    kept, _ = two_families
    kept.filoue_consent = False
    kept.save(update_fields=["filoue_consent"])

    file = filoue_year(establishment=establishment, year=2027)

    assert file.rows == [] and file.excluded == 2


def test_the_consent_is_no_core_consent_asked_of_every_guardian(staff, two_families, establishment):
    before = ConsentType.objects.count()
    staff.get(URL, {"establishment": establishment.pk, "year": 2027})
    filoue_year(establishment=establishment, year=2027)
    assert ConsentType.objects.count() == before
    assert not ConsentType.objects.filter(label__icontains="FILOUÉ").exists()


def test_the_csv_fields(staff, two_families, establishment):
    kept, _ = two_families
    params = {"establishment": establishment.pk, "year": 2027}

    preview = staff.get(URL, params).json()
    csv = staff.get(f"{URL}.csv", params)

    assert preview == {
        "year": 2027,
        "consenting_children": 1,
        "excluded_children": 1,
        "consent_label": CONSENT_LABEL,
    }
    assert csv.status_code == 200
    header, row = csv.content.decode("utf-8-sig").strip().split("\r\n")
    assert header.split(";") == HEADERS
    cells = dict(zip(HEADERS, row.split(";"), strict=True))
    terms = kept.terms.get()
    assert cells["numero_allocataire"] == "1234567" and cells["regime"] == "CAF"
    assert cells["code_postal"] == "69003"
    assert cells["date_naissance"] == kept.child.birth_date.isoformat()
    assert cells["heures_realisees_m02"] == "180,00"
    assert cells["heures_facturees_m02"] == str(terms.monthly_hours).replace(".", ",")
    assert cells["participations_m02"] == str(terms.monthly_fee).replace(".", ",")
    assert cells["heures_realisees_m01"] == "0,00"


def test_families_and_animateurs_may_not(alpha, parent, establishment):
    params = {"establishment": establishment.pk, "year": 2027}
    assert parent.get(URL, params).status_code == 403
    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    # The file holds the families' money and allocataire numbers: the money permission.
    assert animateur.get(f"{URL}.csv", params).status_code == 403
