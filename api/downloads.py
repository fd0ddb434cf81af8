"""Serving stored documents and generated PDFs to their rightful readers."""

from __future__ import annotations

import io

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from rest_framework.negotiation import DefaultContentNegotiation

from core.documents.uploads import ACCEPTED_TYPES, normalise_filename

# OpenAPI: a stored document is one of the accepted types; a generated edition is a PDF.
FILE_RESPONSES = {(200, mime): OpenApiTypes.BINARY for mime in ACCEPTED_TYPES}
PDF_RESPONSES = {(200, "application/pdf"): OpenApiTypes.BINARY}
_BY_EXTENSION = {ext: mime for mime, (ext, known) in ACCEPTED_TYPES.items() for ext in known}


class FileContentNegotiation(DefaultContentNegotiation):
    """A download answers with the file whatever the client's Accept header, and its errors
    (404, 403) in JSON: DRF would otherwise answer 406 to ``Accept: application/pdf``."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _secured(response: FileResponse) -> FileResponse:
    # Families' files are personal (often health) data sent by a third party: never guessed
    # as HTML by a browser, never run as a page of the structure's origin, never cached.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return _secured(
        FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    )


def template_file_response(field_file, *, title: str) -> FileResponse:
    """A staff-uploaded template, stored under its detected extension (``uploads.py``)."""
    extension = field_file.name.rsplit(".", 1)[-1].lower()
    content_type = _BY_EXTENSION.get(extension)
    if content_type is None:
        raise Http404
    return stored_file_response(
        field_file,
        filename=normalise_filename(title, content_type=content_type),
        content_type=content_type,
    )


def pdf_response(data: bytes, *, filename: str) -> FileResponse:
    return _secured(
        FileResponse(
            io.BytesIO(data), as_attachment=True, filename=filename, content_type="application/pdf"
        )
    )
