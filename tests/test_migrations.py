from io import StringIO

from django.core.management import call_command


def test_models_and_migrations_agree(db):
    """A model change without its migration would reach users as a crash."""
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
