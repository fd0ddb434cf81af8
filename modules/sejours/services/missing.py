"""What a family still has to give for its children's stays.

The module's general documents (fiche sanitaire, vaccinations, assurance, quotient) are
required types: the core lists them (``missing_items(module="sejours")``). What only some
stays ask for (« test d'aisance aquatique », « autorisation de sortie du territoire »…) and the
signed contract of an accepted place are not required of every family: the module **requests**
them from the families concerned (``Module.requested_documents``), so « Mes documents » offers
their upload and the core lists them as missing until they are given.

One rule the core cannot know stays here (``Module.missing_items``): a contract counts only if
it was sent after the place was accepted — last year's signed contract is not this one's.
"""

from __future__ import annotations

from core.documents.models import Document, DocumentType
from core.documents.services import applicable_document_types, effective_status
from core.families.services.missing import MissingItem
from core.tenancy.context import structure_today
from modules.sejours.models import Wish

CONTRACT_KEY = "sejours.contrat_sejour"


def documents_link(document_type: DocumentType, child=None) -> str:
    # « Mes documents » titles each card ``document-<type>-<child|famille>``: the anchor
    # brings the family to the right one.
    return f"/mes-documents#document-{document_type.pk}-{child.pk if child else 'famille'}"


def _live_wishes(*, family, child=None) -> list[Wish]:
    wishes = Wish.objects.filter(family=family, status__in=Wish.LIVE).select_related(
        "child", "stay__activity"
    )
    if child is not None:
        wishes = wishes.filter(child=child)
    return list(wishes.prefetch_related("stay__document_types").order_by("child_id", "rank"))


def stay_requested_documents(*, family, child=None) -> list[tuple[DocumentType, object]]:
    """The slots the family's live wishes ask for beyond the required types: each stay's own
    documents (per child or for the family), the contract of each accepted place. Three
    queries."""
    wishes = _live_wishes(family=family, child=child)
    if not wishes:
        return []
    already = {t.pk for t in applicable_document_types(module="sejours")}
    slots: dict[tuple[int, int | None], tuple[DocumentType, object]] = {}
    for wish in wishes:
        for document_type in wish.stay.document_types.all():
            if not document_type.active or document_type.pk in already:
                continue
            kid = wish.child if document_type.scope == DocumentType.SCOPE_CHILD else None
            slots.setdefault((document_type.pk, kid.pk if kid else None), (document_type, kid))
    accepted = [w for w in wishes if w.status == Wish.STATUS_ACCEPTED]
    if accepted:
        contract = DocumentType.objects.filter(default_key=CONTRACT_KEY, active=True).first()
        if contract is not None and contract.pk not in already:
            for wish in accepted:
                kid = wish.child if contract.scope == DocumentType.SCOPE_CHILD else None
                slots.setdefault((contract.pk, kid.pk if kid else None), (contract, kid))
    return list(slots.values())


def stay_missing_items(*, family, child=None) -> list[MissingItem]:
    """The contract of each accepted place whose only valid copies predate the acceptance
    (the core counts any copy). Four queries."""
    accepted = [
        w for w in _live_wishes(family=family, child=child) if w.status == Wish.STATUS_ACCEPTED
    ]
    if not accepted:
        return []
    contract = DocumentType.objects.filter(default_key=CONTRACT_KEY, active=True).first()
    if contract is None:
        return []
    documents = list(
        Document.objects.filter(family=family, document_type=contract).order_by("-uploaded_at")
    )
    counted = {Document.STATUS_ACCEPTED}
    if not contract.requires_review:
        counted.add(Document.STATUS_AWAITING_REVIEW)
    today = structure_today()
    items = []
    for wish in accepted:
        kid_id = wish.child_id if contract.scope == DocumentType.SCOPE_CHILD else None
        mine = [d for d in documents if d.child_id == kid_id]
        valid = [
            d
            for d in mine
            if d.status in counted and effective_status(d, today=today) != Document.STATUS_EXPIRED
        ]
        if not valid or any(d.uploaded_at >= wish.accepted_at for d in valid):
            continue  # missing altogether: the core lists it; or signed for this place
        items.append(
            MissingItem(
                "module",
                f"sejours:contrat:{wish.pk}",
                f"{contract.name} — {wish.stay.activity.name} (à signer pour ce séjour)",
                documents_link(contract, wish.child if kid_id else None),
                wish.child_id,
                str(wish.child),
            )
        )
    return items
