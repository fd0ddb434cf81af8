"""Conversations between a family and a service: starting one, posting messages (with their
attachments), assigning, closing and reopening, reading.

Files are checked (count, size, content) before anything is written; the thread, the message
and the attachments are stored in one transaction, and files already written are removed if it
fails, so a refused message leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from core.communication.models import Attachment, Message, ReadMark, Service, Theme, Thread
from core.communication.services.files import check_files, stored_fields
from core.errors import DomainError

MAX_TEXT_LENGTH = 10_000


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ["Écrivez votre message."]})
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            {"text": [f"Le message est trop long ({MAX_TEXT_LENGTH} caractères au plus)."]}
        )
    return text


def start_thread(
    *,
    family,
    user,
    service: Service,
    theme: Theme | None,
    child=None,
    subject: str,
    text: str,
    files: Sequence = (),
) -> Thread:
    """A family writes to one of the structure's services; the thread starts « nouveau ».

    ``ValidationError`` (French, by field) for an inactive service or theme, a theme of another
    service or bad files; ``Http404`` for a child of another family.
    """
    errors: dict[str, list[str]] = {}
    if not service.active:
        errors["service"] = ["Ce service ne reçoit plus de messages."]
    if theme is not None and (theme.service_id != service.pk or not theme.active):
        errors["theme"] = ["Choisissez un thème de ce service."]
    subject = (subject or "").strip()
    if not subject:
        errors["subject"] = ["Indiquez l'objet de votre message."]
    if errors:
        raise ValidationError(errors)
    if child is not None and child.family_id != family.pk:
        raise Http404
    text = _clean_text(text)
    checked = check_files(files)
    now = timezone.now()
    with _stored_files() as written:
        thread = Thread.objects.create(
            family=family,
            service=service,
            theme=theme,
            child=child,
            subject=subject[:150],
            created_at=now,
            last_message_at=now,
            last_family_visible_at=now,
        )
        message = _create_message(
            thread=thread,
            user=user,
            side=Message.SIDE_FAMILY,
            text=text,
            checked=checked,
            written=written,
            now=now,
        )
        _read_up_to(thread=thread, user=user, when=now)
    _notify(message)
    return thread


def post_family_message(*, thread: Thread, user, text: str, files: Sequence = ()) -> Message:
    """A family's reply; a closed thread is reopened by it."""
    text = _clean_text(text)
    checked = check_files(files)
    now = timezone.now()
    with _stored_files() as written:
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.state == Thread.STATE_CLOSED:
            locked.reopen()
        locked.last_message_at = now
        locked.last_family_visible_at = now
        locked.save(update_fields=["state", "last_message_at", "last_family_visible_at"])
        message = _create_message(
            thread=locked,
            user=user,
            side=Message.SIDE_FAMILY,
            text=text,
            checked=checked,
            written=written,
            now=now,
        )
        _read_up_to(thread=locked, user=user, when=now)
    _notify(message)
    return message


def post_staff_message(
    *, thread: Thread, user, text: str, internal: bool = False, files: Sequence = ()
) -> Message:
    """A staff reply (a « nouveau » thread becomes « en cours ») or an internal note, which the
    family never sees and which changes neither the state nor the family's view."""
    text = _clean_text(text)
    checked = check_files(files)
    now = timezone.now()
    with _stored_files() as written:
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        fields = ["last_message_at"]
        locked.last_message_at = now
        if not internal:
            locked.open()
            locked.last_family_visible_at = now
            fields += ["state", "last_family_visible_at"]
        locked.save(update_fields=fields)
        message = _create_message(
            thread=locked,
            user=user,
            side=Message.SIDE_STAFF,
            text=text,
            checked=checked,
            written=written,
            now=now,
            internal=internal,
        )
        _read_up_to(thread=locked, user=user, when=now)
    if not internal:
        _notify(message)
    return message


def assign_thread(*, thread: Thread, assignee) -> Thread:
    """Give the thread to a colleague able to read its service (``None``: nobody). Taking a
    « nouveau » thread puts it « en cours ».

    The thread is re-read under a row lock, so a family's reply reopening it at the same time
    is not overwritten with a stale state."""
    from core.communication.services.access import assignable_users

    if (
        assignee is not None
        and not assignable_users(service=thread.service).filter(pk=assignee.pk).exists()
    ):
        raise ValidationError(
            {"assignee": ["Cette personne ne peut pas lire les messages de ce service."]}
        )
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if assignee is not None:
            locked.open()
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "state"])
    return locked


def close_thread(*, thread: Thread) -> Thread:
    return _transition(thread, Thread.close)


def reopen_thread(*, thread: Thread) -> Thread:
    return _transition(thread, Thread.reopen)


def _transition(thread: Thread, method) -> Thread:
    """Change the state of the thread re-read under a row lock (see ``assign_thread``)."""
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        try:
            method(locked)
        except DomainError as exc:
            raise ValidationError({"state": [str(exc)]}) from exc
        locked.save(update_fields=["state"])
    return locked


def mark_read(*, thread: Thread, user) -> None:
    """``user`` has read everything in ``thread`` up to now."""
    _read_up_to(thread=thread, user=user, when=timezone.now())


# Internals -------------------------------------------------------------------------------------
def _read_up_to(*, thread: Thread, user, when) -> None:
    if user is None:  # a message written by the system (demo, imports): nobody read it
        return
    ReadMark.objects.update_or_create(thread=thread, user=user, defaults={"read_at": when})


def _create_message(*, thread, user, side, text, checked, written, now, internal=False) -> Message:
    message = Message.objects.create(
        thread=thread, author=user, side=side, text=text, internal=internal, created_at=now
    )
    for item in checked:
        attachment = Attachment(message=message, **stored_fields(item))
        attachment.file.save(f"upload.{item.checked.extension}", item.file, save=False)
        written.append(attachment.file)
        attachment.save()
    return message


class _stored_files:  # noqa: N801 - used as a context manager
    """A transaction that removes the files written inside it if it fails."""

    def __enter__(self) -> list:
        self.files: list = []
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        return self.files

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.atomic.__exit__(exc_type, exc, tb)
        if exc_type is not None:
            for field_file in self.files:
                field_file.storage.delete(field_file.name)
        return False


def _notify(message: Message) -> None:
    from core.communication.services.notifications import notify_new_message

    notify_new_message(message=message)
