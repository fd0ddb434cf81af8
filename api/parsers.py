"""DRF's multipart parser, refusing NUL in its text fields.

``core.http.guards`` refuses NUL in query strings, form-urlencoded and JSON bodies before
any view runs; a multipart body is only read here, where DRF parses it (file names are
cleaned of non-printable characters by Django). A serializer's ``CharField`` refuses NUL by
itself, but a view reading ``request.POST`` directly (PayFiP's notification) does not.
"""

from __future__ import annotations

from rest_framework import exceptions, parsers

from core.http.guards import NUL_MESSAGE


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        for key, values in result.data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise exceptions.ParseError(NUL_MESSAGE, code="null_character")
        return result
