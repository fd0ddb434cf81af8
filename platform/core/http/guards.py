"""Refuses, before any view parses it, the input that would crash a view instead of being
refused by it.

- A JSON body nested deeper than ``MAX_JSON_DEPTH``: Python's ``json`` recurses once per
  level and ends in ``RecursionError`` (a 500) on a few hundred kilobytes of ``[[[…``, in
  DRF's parser and in allauth's alike.
- A NUL character in any text: PostgreSQL refuses it in a text value, so a lookup or a write
  with one fails with a ``DataError`` (a 500) wherever a view passes the text on unchecked.
- A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` or with too many fields: Django raises while
  the body is read, and answers an English HTML page. A JSON body is bounded tighter, by
  ``JSON_MAX_BODY_SIZE``.

Multipart bodies are left to their parsers, reading one here would load every uploaded file
in memory: DRF's default one refuses NUL in text fields (``api/parsers.py``), its
``CharField`` refuses NUL anyway, and Django drops non-printable characters from file names.
A NUL that still reaches PostgreSQL is answered 400 here rather than 500.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from itertools import accumulate

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DataError
from django.http import HttpRequest, HttpResponse, QueryDict

from core.http.errors import error_response

logger = logging.getLogger(__name__)

MAX_JSON_DEPTH = 32

NUL_MESSAGE = "La requête contient un caractère nul (U+0000), refusé dans toute saisie."
DEPTH_MESSAGE = f"Le contenu JSON est trop imbriqué (plus de {MAX_JSON_DEPTH} niveaux)."
TOO_MANY_FIELDS_MESSAGE = "La requête contient trop de champs."

# A JSON string, escapes included. The closing quote is optional so that an unterminated
# string matches to the end instead of failing: a failed match would be retried from every
# later quote, quadratic on a body of quotes.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# Opening brackets step one level in, closing ones one out (0xFF is -1 as a signed byte).
_DEPTH_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
# What allauth's endpoints would take for JSON (they parse any body, whatever its type).
_JSON_START = re.compile(rb"[ \t\r\n]*[\[{]")
# ``\u0000`` as an escape, not as the text after an escaped backslash (``\\u0000``).
_ESCAPED_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def too_large_message(limit: int | None = None) -> str:
    megabytes = (limit or settings.DATA_UPLOAD_MAX_MEMORY_SIZE) / (1024 * 1024)
    return f"La requête dépasse la taille maximale acceptée ({megabytes:g} Mo)."


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text``, without parsing it.

    Brackets inside strings do not count. Counted with C-level loops only (regular
    expressions, ``accumulate``): the body may be megabytes of brackets."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)).encode("ascii")
    steps = memoryview(brackets.translate(_DEPTH_STEPS)).cast("b")
    return max(accumulate(steps), default=0)


def json_has_nul(text: str) -> bool:
    """Whether parsing ``text`` could give a string or a key holding NUL: raw, or escaped."""
    return "\x00" in text or _ESCAPED_NUL.search(text) is not None


def _has_nul(values: Iterable[str]) -> bool:
    return any("\x00" in value for value in values)


def _query_has_nul(query: QueryDict) -> bool:
    return any("\x00" in key or _has_nul(values) for key, values in query.lists())


def _is_json(request: HttpRequest, body: bytes) -> bool:
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        return True
    return _JSON_START.match(body) is not None


def _decode(request: HttpRequest, body: bytes) -> str:
    # Undecodable bytes are the parser's to refuse; replacing them cannot hide a NUL or a
    # bracket.
    try:
        return body.decode(request.encoding or settings.DEFAULT_CHARSET, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._drop_nul_cookies(request)
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DataError) and "NUL (0x00)" in str(exception):
            # The last line of defence, for a multipart text a view passed on unchecked
            # (api/parsers.py checks those DRF parses by default). psycopg refuses the value
            # before sending the statement, so this one wrote nothing.
            logger.warning("NUL character reached the database on %s", request.path)
            return self._nul(request)
        # A multipart body, read by its view, over the limits.
        return self._limit_refusal(request, exception)

    @staticmethod
    def _drop_nul_cookies(request: HttpRequest) -> None:
        # No browser sends NUL in a cookie, but a sibling sub-domain may plant one: dropping it
        # (the request goes on as if it were absent) instead of refusing the request keeps a
        # planted cookie from locking a family out of its structure.
        for name in [n for n, v in request.COOKIES.items() if "\x00" in n or "\x00" in v]:
            del request.COOKIES[name]

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        try:
            if "\x00" in request.path or _query_has_nul(request.GET):
                return self._nul(request)
            return self._body_refusal(request)
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as exc:
            return self._limit_refusal(request, exc)

    def _body_refusal(self, request: HttpRequest) -> HttpResponse | None:
        content_type = request.content_type or ""
        if content_type.startswith("multipart/"):
            return None
        body = request.body  # bounded by DATA_UPLOAD_MAX_MEMORY_SIZE
        if not body:
            return None
        if content_type == "application/x-www-form-urlencoded":
            form = QueryDict(body, encoding=request.encoding)
            return self._nul(request) if _query_has_nul(form) else None
        if not _is_json(request, body):
            return None
        if len(body) > settings.JSON_MAX_BODY_SIZE:
            message = too_large_message(settings.JSON_MAX_BODY_SIZE)
            return error_response(request, 413, message, "request_too_large")
        text = _decode(request, body)
        if json_has_nul(text):
            return self._nul(request)
        if json_depth(text) > MAX_JSON_DEPTH:
            return error_response(request, 400, DEPTH_MESSAGE, "json_too_deep")
        return None

    @staticmethod
    def _nul(request: HttpRequest) -> HttpResponse:
        return error_response(request, 400, NUL_MESSAGE, "null_character")

    @staticmethod
    def _limit_refusal(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestDataTooBig):
            return error_response(request, 413, too_large_message(), "request_too_large")
        if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
            return error_response(request, 400, TOO_MANY_FIELDS_MESSAGE, "too_many_fields")
        return None
