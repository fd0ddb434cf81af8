"""Signing a contract: online acceptance by the family (timestamp and user kept), upload of
the signed PDF (through the core's document upload and its content checks, filed in « Mes
documents » under the crèche contract type), or « signé sur papier » noted by staff.

The family's paths re-check, under the contract's row lock, that the contract is the caller's
family's (404 otherwise) and still « à signer ».
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from core.documents.models import DocumentType
from core.documents.services import upload_document
from core.families.models import Family
from modules.creche.models import Contract
from modules.creche.services.contract_emails import send_signed
from modules.creche.services.contracts import ContractRefused, locked, signed_now

#: The states a family sees its contract in (a draft or a cancelled one is the staff's).
FAMILY_STATES = (Contract.PROPOSED, Contract.SIGNED, Contract.ENDED)

#: ``DocumentType.default_key`` of the signed crèche contracts (« Mes documents »).
CONTRACT_KEY = "creche.contrat_accueil"


def contract_document_type() -> DocumentType:
    """The document type the signed contracts are filed under (created on first use). Not
    required of every family (only those with a contract sign one) and not reviewed: the
    upload is the signature; staff see the file on the contract."""
    document_type, _ = DocumentType.objects.get_or_create(
        default_key=CONTRACT_KEY,
        defaults={
            "name": "Contrat d'accueil en crèche signé",
            "description": "Le contrat d'accueil pré-rempli (« Mes éditions »), signé.",
            "scope": DocumentType.SCOPE_CHILD,
            "modules": ["creche"],
            "required": False,
            "validity": DocumentType.VALIDITY_PERMANENT,
            "requires_review": False,
            "order": 90,
        },
    )
    return document_type


def _to_sign(contract: Contract, *, family: Family | None) -> Contract:
    contract = locked(contract)
    if family is not None and contract.family_id != family.pk:
        raise Http404
    if contract.state != Contract.PROPOSED:
        raise ContractRefused(
            f"Ce contrat est « {contract.get_state_display()} » : il n'est pas à signer.",
            code="state",
        )
    return contract


FILOUE_FIELDS = ["filoue_consent", "filoue_consent_at", "filoue_consent_by"]


def _record_filoue(contract: Contract, *, consent: bool, user) -> bool:
    """Note the family's FILOUÉ answer (who and when) when it changes; True if it did."""
    if contract.filoue_consent == consent and contract.filoue_consent_at is not None:
        return False
    contract.filoue_consent = consent
    contract.filoue_consent_at = timezone.now()
    contract.filoue_consent_by = user
    return True


@transaction.atomic
def set_filoue_consent(*, contract: Contract, family: Family, user, consent: bool) -> Contract:
    """The family gives or withdraws its FILOUÉ consent on its contract (optional, at any time
    from the proposal on: it only decides whether the child is in the yearly file)."""
    contract = locked(contract)
    if contract.family_id != family.pk or contract.state not in FAMILY_STATES:
        raise Http404
    if _record_filoue(contract, consent=consent, user=user):
        contract.save(update_fields=FILOUE_FIELDS)
    return contract


@transaction.atomic
def sign_online(
    *, contract: Contract, family: Family, user, accepted: bool, filoue_consent: bool | None = None
) -> Contract:
    """The family accepts the contract online (« J'ai lu et j'accepte le contrat »), with its
    FILOUÉ answer when given (None: unchanged)."""
    contract = _to_sign(contract, family=family)
    if not accepted:
        raise ContractRefused(
            "Cochez « J'ai lu et j'accepte le contrat » pour le signer.", field="accepted"
        )
    signed_now(contract, by=user, how=Contract.SIGNED_ONLINE)
    fields = ["state", "signed_at", "signed_by", "signature"]
    if filoue_consent is not None and _record_filoue(contract, consent=filoue_consent, user=user):
        fields += FILOUE_FIELDS
    contract.save(update_fields=fields)
    send_signed(contract=contract)
    return contract


@transaction.atomic
def sign_upload(*, contract: Contract, family: Family, user, file) -> Contract:
    """The family sends the contract signed (PDF or photo, checked by content); the file is
    stored as a document of the child and the contract signed."""
    contract = _to_sign(contract, family=family)
    if file is None:
        raise ContractRefused("Joignez le contrat signé.", field="file")
    document = upload_document(
        family=contract.family,
        document_type=contract_document_type(),
        file=file,
        child=contract.child,
        user=user,
    )
    signed_now(contract, by=user, how=Contract.SIGNED_UPLOAD)
    contract.signed_document = document
    contract.save(update_fields=["state", "signed_at", "signed_by", "signature", "signed_document"])
    send_signed(contract=contract)
    return contract


@transaction.atomic
def sign_paper(*, contract: Contract, by) -> Contract:
    """Staff note that the family signed the paper contract at the crèche."""
    contract = _to_sign(contract, family=None)
    signed_now(contract, by=by, how=Contract.SIGNED_PAPER)
    contract.save(update_fields=["state", "signed_at", "signed_by", "signature"])
    return contract
