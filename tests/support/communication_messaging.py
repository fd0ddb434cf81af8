"""Builders for the messaging tests and the access matrix: services, threads, messages and
attachments, made through the real services."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.communication.models import (
    RECEPTION_KEY,
    Attachment,
    QuickReply,
    Service,
    ServiceAccess,
    Theme,
    Thread,
)
from core.communication.services.threads import post_staff_message, start_thread

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def pdf_file(name: str = "certificat.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_file(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def service(key: str = RECEPTION_KEY) -> Service:
    return Service.objects.get(key=key)


def first_theme(desk: Service) -> Theme:
    return desk.themes.filter(active=True).order_by("order").first()


def make_thread(
    *,
    family,
    user,
    key: str = RECEPTION_KEY,
    subject: str = "Absence de Léa",
    text: str = "Léa sera absente lundi.",
    child=None,
    files=(),
) -> Thread:
    desk = service(key)
    return start_thread(
        family=family,
        user=user,
        service=desk,
        theme=first_theme(desk),
        child=child,
        subject=subject,
        text=text,
        files=list(files),
    )


def readable_by_every_role(desk: Service) -> None:
    """Give every role with ServiceAccess rows the service too (the access matrix checks the
    permission gate; the service narrowing has its own tests)."""
    for role in ("coordinateur", "comptable", "animateur"):
        access, _ = ServiceAccess.objects.get_or_create(role=role)
        if desk.key not in access.services:
            access.services = [*access.services, desk.key]
            access.save(update_fields=["services"])


# Access matrix builders ---------------------------------------------------------------------
def matrix_thread(family, user, child, *, label: str) -> Thread:
    """A thread of ``family`` about ``child`` on a service every staff role reads, with a
    staff reply carrying a PDF (the ``communication_attachment`` kind)."""
    desk, _ = Service.objects.get_or_create(
        key="matrice", defaults={"label": f"Service {label}", "order": 99}
    )
    readable_by_every_role(desk)
    thread = start_thread(
        family=family,
        user=user,
        service=desk,
        theme=None,
        child=child,
        subject=f"Question {label}",
        text="Bonjour",
    )
    post_staff_message(thread=thread, user=None, text="Réponse", files=[pdf_file()])
    return thread


def matrix_attachment(family, user, child, *, label: str) -> Attachment:
    """A PDF of a staff reply (visible to the family) in ``family``'s thread."""
    thread = matrix_thread(family, user, child, label=label)
    return Attachment.objects.filter(message__thread=thread).first()


def matrix_objects(family, user, child, *, label: str) -> dict[str, object]:
    """Every object kind of the messaging routes: ``communication_thread`` and
    ``communication_attachment`` (family-owned), ``communication_quick_reply``,
    ``communication_service`` and ``communication_theme`` (the structure's)."""
    thread = matrix_thread(family, user, child, label=label)
    desk = Service.objects.create(key=f"matrice-{label.lower()}", label=f"Guichet {label}")
    return {
        "communication_thread": thread.pk,
        "communication_attachment": Attachment.objects.filter(message__thread=thread).first().pk,
        "communication_quick_reply": QuickReply.objects.create(
            title=f"Merci {label}", text="Merci pour votre message."
        ).pk,
        "communication_service": desk.pk,
        "communication_theme": Theme.objects.create(service=desk, label=f"Thème {label}").pk,
    }


# Test world ------------------------------------------------------------------------------------
class World:
    """Two families of alpha (A with a child, B), staff by role, their clients."""

    def __init__(self, tenant) -> None:
        from core.accounts.roles import Role
        from tests.support.factories import make_family, make_user

        self.tenant = tenant
        self.family, self.parent = make_family(tenant=tenant, first_name="Anaïs")
        self.child = self.family.children.first()
        self.other_family, self.other_parent = make_family(tenant=tenant, first_name="Bruno")
        self.gestionnaire = make_user(
            tenant=tenant, role=Role.GESTIONNAIRE, first_name="Inès", last_name="Gestion"
        )
        self.animateur = make_user(
            tenant=tenant, role=Role.ANIMATEUR, first_name="Paul", last_name="Anim"
        )
        self.comptable = make_user(
            tenant=tenant, role=Role.COMPTABLE, first_name="Chloé", last_name="Compta"
        )
        self.admin = make_user(tenant=tenant, role=Role.ADMINISTRATEUR, first_name="Alice")

    def client(self, user):
        from django.test import Client

        from tests.support.clients import client_ip

        client = Client(HTTP_HOST=f"{self.tenant.slug}.localhost", REMOTE_ADDR=client_ip())
        client.force_login(user)
        return client
