"""Moving one structure out of an install or into one, and deleting it.

``export.export_structure`` writes an archive (``archive.py`` describes its format) of a
structure's schema, public rows and media; ``import_.import_structure`` restores one into an
install, all or nothing; ``delete.delete_structure`` removes a structure once exported. The
management commands ``export_tenant``, ``import_tenant`` and ``delete_tenant`` are thin
wrappers. See docs/decisions/0029-structure-export-import.md.
"""


class TransferError(Exception):
    """A refusal or a failure, with a French message meant for the operator."""
