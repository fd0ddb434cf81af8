"""Helpers, factories, fakes and fixtures shared by the test folders (see ``tests/README.md``).

Test modules import from here, never from one another."""
