"""Checking a file a family (or the staff) sends before it is stored.

The content decides what a file is, never its name or the browser's Content-Type: both are
chosen by the sender. Only PDF, JPEG and PNG are accepted, because they are what staff can
open safely everywhere and what a phone or a scanner produces. The sender's file name is kept
for display and download only, normalised here; on disk the file gets a random name
(``storage.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

# Detected MIME type → (canonical extension, extensions a sender may already use for it).
ACCEPTED_TYPES: dict[str, tuple[str, frozenset[str]]] = {
    "application/pdf": ("pdf", frozenset({"pdf"})),
    "image/jpeg": ("jpg", frozenset({"jpg", "jpeg", "jpe", "jfif"})),
    "image/png": ("png", frozenset({"png"})),
}
# An animated PNG is a PNG for every viewer; filetype reports it separately.
_ALIASES = {"image/apng": "image/png"}

MAX_NAME_LENGTH = 200
# filetype needs at most 8 KiB (most signatures are in the first 262 bytes).
_HEAD_SIZE = 8192

INVALID_TYPE_MESSAGE = "Ce fichier n'est pas un PDF, JPEG ou PNG valide."
# Formats families often try, with what to do instead.
_HINTS = {
    "image/heic": "Les photos HEIC (iPhone) ne sont pas acceptées : choisissez le format JPEG "
    "dans les réglages de l'appareil photo, ou envoyez une capture d'écran.",
    "application/msword": "Enregistrez ce document Word au format PDF avant de l'envoyer.",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "Enregistrez ce document Word au format PDF avant de l'envoyer."
    ),
    "application/vnd.oasis.opendocument.text": (
        "Enregistrez ce document au format PDF avant de l'envoyer."
    ),
}


@dataclass(frozen=True)
class CheckedUpload:
    """What we know about an accepted file, from its content."""

    content_type: str
    extension: str
    size: int
    display_name: str


def check_upload(file, *, max_mb: int, field: str = "file") -> CheckedUpload:
    """Validate an uploaded file; raise ``ValidationError({field: [French message]})``.

    Leaves the file's position at the start, ready to be stored.
    """
    size = _size_of(file)
    if size == 0:
        raise ValidationError({field: ["Le fichier est vide."]})
    if size > max_mb * 1024 * 1024:
        raise ValidationError(
            {
                field: [
                    f"Le fichier fait {_megabytes(size)} Mo : la taille maximale est de "
                    f"{max_mb} Mo. Réduisez la résolution du scan ou de la photo."
                ]
            }
        )
    file.seek(0)
    head = file.read(_HEAD_SIZE)
    file.seek(0)
    kind = filetype.guess(head)
    mime = _ALIASES.get(kind.mime, kind.mime) if kind else None
    if mime not in ACCEPTED_TYPES:
        message = INVALID_TYPE_MESSAGE
        if mime in _HINTS:
            message = f"{message} {_HINTS[mime]}"
        raise ValidationError({field: [message]})
    if mime != "application/pdf":
        _check_image(file, field=field)
    extension = ACCEPTED_TYPES[mime][0]
    return CheckedUpload(
        content_type=mime,
        extension=extension,
        size=size,
        display_name=normalise_filename(getattr(file, "name", "") or "", content_type=mime),
    )


def _check_image(file, *, field: str) -> None:
    # The signature alone would let a few magic bytes followed by anything through; Pillow
    # checks the structure without decoding the pixels (and refuses decompression bombs).
    try:
        with Image.open(file) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            {field: [f"{INVALID_TYPE_MESSAGE} L'image semble incomplète ou abîmée."]}
        ) from None
    finally:
        file.seek(0)


def _size_of(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return int(size)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


# Characters that break a path, a header or a Windows file name once downloaded.
_FORBIDDEN = re.compile(r'[/\\:?*"<>|`]+')
_SPACES = re.compile(r"\s+")
_UNDERSCORES = re.compile(r"_{2,}")
_EXTENSION = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9]{1,5}$")


def normalise_filename(name: str, *, content_type: str) -> str:
    """A readable, safe name for display and download, with the extension of the content.

    Keeps letters with accents; drops any folder part and the control and invisible
    formatting characters (a right-to-left override would show "fdp.exe" as "exe.pdf");
    replaces ":", "?", quotes and the other characters Windows refuses; at most 200
    characters.
    """
    # Only the last path component, as Django's multipart parser keeps over HTTP: the same
    # name whichever way the file arrives (an old browser sends "C:\Users\…\scan.pdf").
    name = re.split(r"[/\\]", unicodedata.normalize("NFC", str(name)))[-1]
    name = "".join(_visible(c) for c in name)
    # The apostrophe is common in French names ("l'école"): the typographic one keeps it
    # readable without an ASCII quote in headers or shells.
    name = name.replace("'", "\u2019")
    name = _FORBIDDEN.sub("_", name)
    name = _UNDERSCORES.sub("_", _SPACES.sub(" ", name)).strip()

    canonical, known = ACCEPTED_TYPES[content_type]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if suffix.lower() in known:
        extension = suffix.lower()
    else:
        extension = canonical
        if suffix and not _EXTENSION.match(suffix):
            stem = name  # "rapport v1.2": the dot belongs to the name, not an extension
    stem = stem.strip(" ._-") or "document"
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(" ._-") or "document"
    return f"{stem}.{extension}"


def _visible(char: str) -> str:
    if char.isspace():
        return " "
    if unicodedata.category(char)[0] == "C":  # control, format (bidi overrides), private…
        return ""
    return char
