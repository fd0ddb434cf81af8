"""Attestations d'inscription (seed 004: « Faire une demande d'attestation d'inscription »).

A family asks for one on a validated enrolment; staff issue it in one click (or refuse it with
a reason) and the family is told by e-mail; the PDF is pre-filled from the enrolment and
rendered with WeasyPrint, reading nothing but ``data:`` URIs (the logo is embedded).
"""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from core.booking.models import Enrolment, EnrolmentCertificate
from core.documents.editions import html_to_pdf, logo_data_uri
from core.documents.uploads import normalise_filename
from core.errors import DomainError
from core.families.services.notifications import send_family_email
from core.tenancy.context import current_structure, structure_today


class CertificateRefused(DomainError):
    code = "certificate_refused"


@transaction.atomic
def request_certificate(*, enrolment: Enrolment, user) -> EnrolmentCertificate:
    """The family's request; one pending request per enrolment."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.STATUS_VALIDATED:
        raise CertificateRefused(
            "Une attestation d'inscription ne peut être demandée que pour une inscription validée.",
            code="enrolment_not_validated",
            field="enrolment",
        )
    if enrolment.certificates.filter(state=EnrolmentCertificate.STATE_REQUESTED).exists():
        raise CertificateRefused(
            "Une demande d'attestation est déjà en cours pour cette inscription.",
            code="certificate_pending",
            field="enrolment",
        )
    return EnrolmentCertificate.objects.create(
        enrolment=enrolment, state=EnrolmentCertificate.STATE_REQUESTED, requested_by=user
    )


@transaction.atomic
def decide_certificates(
    *, certificate_ids, decision: str, by, reason: str = ""
) -> list[EnrolmentCertificate]:
    """Staff issue (dated today in the structure) or refuse, with a reason, pending requests.
    Requests already answered are left as they are."""
    if decision not in ("issue", "refuse"):
        raise CertificateRefused("Décision inconnue.", field="decision")
    if decision == "refuse" and not reason.strip():
        raise CertificateRefused("Indiquez le motif du refus.", field="reason")
    certificates = list(
        EnrolmentCertificate.objects.select_for_update(of=("self",))
        .filter(pk__in=certificate_ids, state=EnrolmentCertificate.STATE_REQUESTED)
        .select_related("enrolment__child__family", "enrolment__activity")
        .order_by("pk")
    )
    today = structure_today()
    for certificate in certificates:
        if decision == "issue":
            certificate.issue(by=by, on=today)
        else:
            certificate.refuse(by=by, reason=reason.strip())
        _notify(certificate)
    return certificates


def _notify(certificate: EnrolmentCertificate) -> None:
    issued = certificate.state == EnrolmentCertificate.STATE_ISSUED
    send_family_email(
        family=certificate.enrolment.child.family,
        template="certificate_decided",
        subject="Attestation d'inscription disponible" if issued else "Attestation refusée",
        certificate=certificate,
        issued=issued,
    )


def certificate_context(certificate: EnrolmentCertificate) -> dict:
    enrolment = certificate.enrolment
    structure = current_structure()
    return {
        "structure": structure,
        "logo": logo_data_uri(structure),
        "certificate": certificate,
        "enrolment": enrolment,
        "child": enrolment.child,
        "activity": enrolment.activity,
        "units": [unit.name for unit in enrolment.activity.units.all()],
        "signatory": certificate.decided_by.get_full_name() if certificate.decided_by else "",
        "today": structure_today(),
    }


def render_certificate_html(certificate: EnrolmentCertificate) -> str:
    with translation.override("fr"):
        return render_to_string(
            "booking/enrolment_certificate.html", certificate_context(certificate)
        )


def render_certificate_pdf(certificate: EnrolmentCertificate) -> tuple[bytes, str]:
    """The PDF of an issued certificate and its download name."""
    if certificate.state != EnrolmentCertificate.STATE_ISSUED:
        raise CertificateRefused("Cette attestation n'est pas encore délivrée.")
    data = html_to_pdf(render_certificate_html(certificate))
    child = certificate.enrolment.child
    name = normalise_filename(
        f"Attestation d'inscription - {child.first_name} {child.last_name}.pdf",
        content_type="application/pdf",
    )
    return data, name
