"""Builders for the news part of the communication layer: news items, downloads and families'
envois (« Mes envois »), through the real services. Call them inside the structure's schema."""

from __future__ import annotations

import io
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.communication.models import Download, FamilySubmission, NewsItem
from core.communication.services.downloads import create_download
from core.communication.services.news import create_news
from core.communication.services.submissions import send_submission

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def image_bytes(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("PNG"))


def pdf(name: str = "reglement.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def make_news(
    *,
    title: str = "Fête de l'école",
    text: str = "<p>Rendez-vous samedi.</p>",
    audience: str = "all",
    image: bool = False,
    publish_at: datetime | None = None,
    expire_at: datetime | None = None,
    public: bool = False,
    pinned: bool = False,
    user=None,
) -> NewsItem:
    return create_news(
        title=title,
        text=text,
        audience=audience,
        image=png() if image else None,
        image_alt="Une photo" if image else "",
        publish_at=publish_at,
        expire_at=expire_at,
        public=public,
        pinned=pinned,
        user=user,
    )


def make_download(
    *,
    title: str = "Règlement intérieur",
    module: str = "",
    season: str = "",
    publish_at: datetime | None = None,
    expire_at: datetime | None = None,
) -> Download:
    return create_download(
        title=title,
        file=pdf(),
        module=module,
        season=season,
        publish_at=publish_at,
        expire_at=expire_at,
    )


def make_submission(*, family, user=None, title: str = "Certificat médical", child=None):
    return send_submission(
        family=family, user=user, title=title, file=pdf("certificat.pdf"), child=child
    )


# Access matrix (tests/api/test_access_matrix.py): one object per kind, in the current schema.
def matrix_news_item(family, user, child, *, label: str) -> NewsItem:
    """A visible, public item for everyone, with an image (every route has something to
    serve)."""
    return make_news(title=f"Actualité {label}", image=True, public=True)


def matrix_download(family, user, child, *, label: str) -> Download:
    """A published document for every family."""
    return make_download(title=f"Règlement {label}")


def matrix_submission(family, user, child, *, label: str) -> FamilySubmission:
    """An envoi of ``family`` (another family's id → 404)."""
    return make_submission(family=family, user=user, title=f"Envoi {label}", child=child)
