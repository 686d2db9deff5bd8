import pytest
from django.core.management import CommandError, call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_refuses_to_create_demo_accounts_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_it_creates_the_demo_accounts_once_and_prints_their_logins(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "password: recall-student" in out
    roles = dict(User.objects.values_list("username", "role"))
    assert roles == {"admin": "admin", "teacher": "teacher", "student": "student"}
    assert User.objects.get(username="admin").is_staff
