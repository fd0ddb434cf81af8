"""The services' refusals: one base class, rendered by the API in one place (api/errors.py).

A service that refuses what it was asked (a run no longer a draft, a payment above what is
due, a file the activity needs) raises a ``DomainError``: the caller (an API view, a task,
a command, the admin) gets the same French sentence, and the views need no ``try/except``.
Services that raise Django's ``ValidationError`` keep working: the API renders it too.

A provider failure (``core.payments.providers.ProviderError``) is not one of these: it says
the outside world failed, not that the user asked for something the rules forbid; the
payment services turn it into a ``PaymentError`` where the user must be told.
"""

from __future__ import annotations

from collections.abc import Iterable

# Keys the API's body gives for a refusal that is about no field, and for the code: a field
# cannot take either name.
GENERAL_KEY = "detail"
CODE_KEY = "code"


def _messages(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


class DomainError(Exception):
    """A business rule refused the request, said in French; nothing was written.

    ``message``: the French sentence shown to the user.
    ``code``: stable snake_case for a client to react to (never shown); a subclass gives its
    default, a raise may give a finer one.
    ``field``: the input field the refusal is about, when there is one (the form shows the
    message next to it).
    ``fields``: several fields at once, ``{field: message or messages}``; ``message`` then
    sums them up for a caller that shows one sentence (a task, a log).
    ``status_code``: the HTTP status the API answers; 400 unless a subclass says otherwise
    (409 for a conflict with the object's current state, if a client must tell them apart).
    """

    code: str = "refused"
    status_code: int = 400

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        field: str | None = None,
        fields: dict[str, str | Iterable[str]] | None = None,
    ) -> None:
        self.fields: dict[str, list[str]] = {
            name: _messages(value) for name, value in (fields or {}).items()
        }
        if field is not None:
            self.fields = {field: [message], **self.fields}
        if not message and self.fields:
            message = " ".join(m for messages in self.fields.values() for m in messages)
        if not message:
            raise ValueError("A DomainError says why, in French.")
        if {GENERAL_KEY, CODE_KEY} & set(self.fields):
            raise ValueError(f"No field can be named {GENERAL_KEY!r} or {CODE_KEY!r}.")
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message

    @property
    def message_dict(self) -> dict[str, list[str]]:
        """The messages by input field (``detail`` for the request as a whole)."""
        return self.fields or {GENERAL_KEY: [self.message]}
