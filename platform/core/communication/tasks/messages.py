"""Tasks of the messaging part."""

__all__: list[str] = []
