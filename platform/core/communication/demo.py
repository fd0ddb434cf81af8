"""What the demo structures show of the communication layer: home messages, news (one pinned,
one public, one with an image), documents to download, and for the demo parent a conversation
with the structure's answer and an unread announcement."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.communication.models import (
    RECEPTION_KEY,
    Announcement,
    AnnouncementRecipient,
    Download,
    HomeMessage,
    Message,
    NewsItem,
    ReadMark,
    Service,
    Thread,
)

_DOWNLOADS = {
    "": (
        "Règlement intérieur",
        "Les règles de fonctionnement de la structure, à lire avant toute inscription.",
    ),
    "periscolaire": ("Menus de la cantine", "Les menus des quatre prochaines semaines."),
    "sejours": ("Trousseau du séjour", "La liste des affaires à mettre dans la valise."),
    "creche": ("Projet d'établissement", "Le projet éducatif et social de la crèche."),
}
_NEWS = {
    "periscolaire": (
        "Semaine du goût à la cantine",
        "<p>Du lundi au vendredi, les enfants découvriront les fruits et légumes de saison "
        "préparés par notre cuisinier.</p><ul><li>Lundi : la courge</li><li>Mardi : la pomme"
        "</li><li>Jeudi : la carotte</li></ul>",
    ),
    "sejours": (
        "Réunion d'information sur les séjours d'été",
        "<p>Une réunion de présentation des séjours d'été aura lieu à la salle des fêtes. Les "
        "animateurs répondront à vos questions sur le trousseau et le voyage.</p>",
    ),
    "creche": (
        "Café des parents à la crèche",
        "<p>Venez échanger avec l'équipe autour d'un café, le premier samedi du mois, de 10 h "
        "à 11 h 30.</p>",
    ),
}


def install_communication_demo(*, families: Sequence, module_ids: Sequence[str]) -> None:
    """Idempotent: does nothing in a structure that already has news."""
    if NewsItem.objects.exists():
        return
    from core.accounts.models import User

    staff = User.objects.filter(email__iexact="gestion@exemple.fr").first()
    now = timezone.now()
    with transaction.atomic():
        _home_messages(module_ids)
        _news(module_ids, staff=staff, now=now)
        _downloads(module_ids, now=now)
        for family in families:
            _conversation(family, staff=staff, now=now)
            _announcement(family, staff=staff, now=now)


def _home_messages(module_ids: Sequence[str]) -> None:
    HomeMessage.objects.update_or_create(
        audience="families",
        defaults={
            "text": "Bienvenue sur votre portail famille ! Pensez à mettre à jour votre dossier "
            "et vos pièces justificatives avant chaque rentrée."
        },
    )
    HomeMessage.objects.update_or_create(
        audience="staff",
        defaults={"text": "Rappel : les inscriptions de la prochaine période ouvrent lundi."},
    )


def _news(module_ids: Sequence[str], *, staff, now) -> None:
    NewsItem.objects.create(
        title="Le portail famille fait peau neuve",
        text="<p>Vous pouvez désormais <strong>écrire à la structure</strong> depuis la "
        "messagerie, joindre vos documents et suivre nos réponses.</p>",
        audience="all",
        public=True,
        pinned=True,
        publish_at=now - timedelta(days=2),
        created_by=staff,
    )
    for module_id in module_ids:
        if module_id not in _NEWS:
            continue
        title, text = _NEWS[module_id]
        item = NewsItem(
            title=title,
            text=text,
            audience=module_id,
            publish_at=now - timedelta(days=1),
            image_alt="Illustration colorée de l'actualité",
            created_by=staff,
        )
        item.image.save("actualite.png", ContentFile(_image_png()), save=False)
        item.save()


def _downloads(module_ids: Sequence[str], *, now) -> None:
    from core.documents.editions import html_to_pdf

    for module_id in ["", *module_ids]:
        if module_id not in _DOWNLOADS:
            continue
        title, description = _DOWNLOADS[module_id]
        pdf = html_to_pdf(f"<h1>{title}</h1><p>{description}</p><p>Document de démonstration.</p>")
        download = Download(
            title=title,
            description=description,
            module=module_id,
            original_name=f"{title}.pdf",
            content_type="application/pdf",
            size=len(pdf),
            publish_at=now - timedelta(days=7),
        )
        download.file.save("document.pdf", ContentFile(pdf), save=False)
        download.save()


def _conversation(family, *, staff, now) -> None:
    service = Service.objects.get(key=RECEPTION_KEY)
    guardian = family.guardians.filter(user__isnull=False).select_related("user").first()
    if guardian is None:
        return
    asked = now - timedelta(days=3)
    answered = now - timedelta(days=2)
    thread = Thread.objects.create(
        family=family,
        service=service,
        theme=service.themes.filter(label="Facturation").first(),
        subject="Attestation pour les impôts",
        state=Thread.STATE_OPEN,
        assignee=staff,
        created_at=asked,
        last_message_at=answered,
        last_family_visible_at=answered,
    )
    Message.objects.create(
        thread=thread,
        author=guardian.user,
        side=Message.SIDE_FAMILY,
        text="Bonjour, pourriez-vous m'envoyer l'attestation de frais de garde de l'an "
        "dernier pour ma déclaration d'impôts ? Merci.",
        created_at=asked,
        notified_at=asked,
    )
    Message.objects.create(
        thread=thread,
        author=staff,
        side=Message.SIDE_STAFF,
        text="Bonjour Madame, votre attestation est disponible dans « Facturation », rubrique "
        "« Attestations ». Bonne journée.",
        created_at=answered,
        notified_at=answered,
    )
    # The parent read their own question, not the answer yet: the counter shows 1.
    ReadMark.objects.create(thread=thread, user=guardian.user, read_at=asked)
    if staff is not None:
        ReadMark.objects.create(thread=thread, user=staff, read_at=answered)


def _announcement(family, *, staff, now) -> None:
    sent = now - timedelta(hours=5)
    announcement = Announcement.objects.create(
        title="Fermeture exceptionnelle vendredi",
        text="<p>En raison d'une formation du personnel, l'accueil sera fermé <strong>vendredi"
        "</strong>. Merci de votre compréhension.</p>",
        target=[{"kind": "families", "families": [family.pk]}],
        by_email=True,
        state=Announcement.STATE_SENT,
        created_by=staff,
        created_at=sent,
        queued_at=sent,
        sent_at=sent,
    )
    rows = [
        AnnouncementRecipient(
            announcement=announcement, guardian=g, family=family, created_at=sent, emailed_at=sent
        )
        for g in family.guardians.filter(user__isnull=False)
    ]
    AnnouncementRecipient.objects.bulk_create(rows)
    announcement.recipients_count = len(rows)
    announcement.families_count = 1 if rows else 0
    announcement.save(update_fields=["recipients_count", "families_count"])


def _image_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 320), "#fef3c7")
    draw = ImageDraw.Draw(image)
    for i, color in enumerate(("#f59e0b", "#10b981", "#3b82f6")):
        draw.ellipse((80 + i * 180, 90, 220 + i * 180, 230), fill=color)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
