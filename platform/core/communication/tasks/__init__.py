"""Celery tasks of the communication layer (one module per part, imported for discovery)."""

from core.communication.tasks.announcements import *  # noqa: F403
from core.communication.tasks.messages import *  # noqa: F403
