"""A stay's photos and PDF brochure, shown in the public catalogue.

Like the families' documents (``core/documents/uploads.py``), the **content** decides what a
file is, never its name nor the browser's type: a script renamed ``photo.jpg`` is refused.
"""

from __future__ import annotations

import filetype
from django.core.exceptions import ValidationError
from django.db.models import Max

from core.documents.uploads import _check_image, _megabytes, _size_of
from core.errors import DomainError
from modules.sejours.models import Stay, StayMedia

PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
BROCHURE_TYPES = {"application/pdf": "pdf"}
LIMITS = {
    StayMedia.KIND_PHOTO: (PHOTO_TYPES, 5, "une photo JPEG, PNG ou WebP"),
    StayMedia.KIND_BROCHURE: (BROCHURE_TYPES, 10, "une brochure PDF"),
}


def check_media(upload, *, kind: str) -> str:
    """The detected content type of ``upload`` for ``kind``, or a French refusal."""
    if kind not in LIMITS:
        raise DomainError("Choisissez « photo » ou « brochure ».", field="kind")
    accepted, max_mb, what = LIMITS[kind]
    size = _size_of(upload)
    if size == 0:
        raise DomainError("Le fichier est vide.", field="file")
    if size > max_mb * 1024 * 1024:
        raise DomainError(
            f"Le fichier fait {_megabytes(size)} Mo : {what} fait au plus {max_mb} Mo.",
            field="file",
        )
    upload.seek(0)
    kind_guess = filetype.guess(upload.read(8192))
    upload.seek(0)
    mime = kind_guess.mime if kind_guess else None
    if mime not in accepted:
        raise DomainError(f"Ce fichier n'est pas {what} valide.", field="file", code="bad_file")
    if mime.startswith("image/"):
        try:
            _check_image(upload, field="file")
        except ValidationError:
            raise DomainError(
                f"Ce fichier n'est pas {what} valide : l'image semble abîmée.",
                field="file",
                code="bad_file",
            ) from None
    return mime


def add_media(*, stay: Stay, upload, kind: str, caption: str = "", by) -> StayMedia:
    mime = check_media(upload, kind=kind)
    if kind == StayMedia.KIND_BROCHURE:
        # One brochure per stay: a new one replaces the old.
        stay.media.filter(kind=StayMedia.KIND_BROCHURE).delete()
    order = (stay.media.aggregate(n=Max("order"))["n"] or 0) + 10
    extension = (PHOTO_TYPES | BROCHURE_TYPES)[mime]
    media = StayMedia(
        stay=stay,
        kind=kind,
        content_type=mime,
        caption=(caption or "").strip()[:150],
        order=order,
        uploaded_by=by,
    )
    media.file.save(f"media.{extension}", upload, save=False)
    media.save()
    return media


def remove_media(*, media: StayMedia, by) -> None:
    # The file stays on disk while a copied stay still shows it (copies share files).
    shared = StayMedia.objects.filter(file=media.file.name).exclude(pk=media.pk).exists()
    name, storage = media.file.name, media.file.storage
    media.delete()
    if not shared and name:
        storage.delete(name)
