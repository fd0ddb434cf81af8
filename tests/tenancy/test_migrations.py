"""The committed migrations describe the models exactly: a model change without its migration
fails here rather than on a structure being provisioned."""

from io import StringIO

from django.core.management import call_command


def test_models_and_migrations_agree(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:  # --check exits 1 when a migration is missing
        raise AssertionError(f"Migrations manquantes :\n{out.getvalue()}") from exit
