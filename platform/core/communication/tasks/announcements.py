"""Tasks of the announcements part."""

__all__: list[str] = []
