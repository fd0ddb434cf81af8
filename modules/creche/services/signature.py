"""Signing a contract: online acceptance by the family (timestamp and user kept), upload of
the signed PDF (through the core's document upload and its content checks, filed in « Mes
documents » under the crèche contract type), or « signé sur papier » noted by staff.

The family's paths re-check, under the contract's row lock, that the contract is the caller's
family's (404 otherwise) and still « à signer ».
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from core.documents.models import DocumentType
from core.documents.services import upload_document
from core.families.models import Family
from modules.creche.models import Contract
from modules.creche.services.contract_emails import send_signed
from modules.creche.services.contracts import ContractRefused, locked, signed_now

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


@transaction.atomic
def sign_online(*, contract: Contract, family: Family, user, accepted: bool) -> Contract:
    """The family accepts the contract online (« J'ai lu et j'accepte le contrat »)."""
    contract = _to_sign(contract, family=family)
    if not accepted:
        raise ContractRefused(
            "Cochez « J'ai lu et j'accepte le contrat » pour le signer.", field="accepted"
        )
    signed_now(contract, by=user, how=Contract.SIGNED_ONLINE)
    contract.save(update_fields=["state", "signed_at", "signed_by", "signature"])
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
