"""``fit_memory_model``: fits and stores through the service the profile and beat use."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from fsrs_rs_python import DEFAULT_PARAMETERS

from quizzes.models import MemoryModel
from tests.factories import StudentFactory
from tests.quizzes.test_interop_memory_model import forgetful_student, simulated_reviews
from tests.quizzes.test_memory_model_service import _log

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _anki_rule_of_thumb(settings):
    settings.MEMORY_MODEL_MIN_REVIEWS = 400


def fit(*args) -> str:
    out = io.StringIO()
    call_command("fit_memory_model", *args, stdout=out)
    return out.getvalue()


def test_it_fits_one_student_and_stores_the_model_the_profile_shows(client):
    student = StudentFactory(username="forgetful")
    _log(student, simulated_reviews(forgetful_student(), cards=60))
    out = fit("--user", "forgetful")
    model = MemoryModel.objects.get(user=student)
    assert model.reviews == 540 and len(model.parameters) == 21
    assert model.in_use and model.log_loss_after < model.log_loss_before
    assert out.startswith(
        f"forgetful: Memory model: fitted on 540 reviews, log loss "
        f"{model.log_loss_before:.4f} → {model.log_loss_after:.4f}"
    )
    assert "(in use)" in out
    client.force_login(student)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Memory model: fitted on 540 reviews" in profile


def test_a_second_fit_replaces_the_first_instead_of_adding_one():
    student = StudentFactory(username="forgetful")
    _log(student, simulated_reviews(forgetful_student(), cards=60))
    fit("--user", "forgetful")
    fit("--user", "forgetful")
    assert MemoryModel.objects.filter(user=student).count() == 1


def test_an_unknown_user_is_named_in_the_error():
    with pytest.raises(CommandError, match="There is no user “nobody”"):
        fit("--user", "nobody")


def test_too_few_reviews_say_how_many_and_store_nothing():
    student = StudentFactory(username="newcomer")
    _log(student, simulated_reviews(DEFAULT_PARAMETERS, cards=10))
    with pytest.raises(CommandError, match="newcomer: not fitted. 90 reviews so far; a "
                                           "personal memory model needs 400"):
        fit("--user", "newcomer")
    assert not MemoryModel.objects.exists()


def test_all_fits_every_student_with_enough_reviews_and_counts_the_rest():
    ready, other = StudentFactory(username="a-ready"), StudentFactory(username="b-ready")
    few = StudentFactory(username="c-few")
    _log(ready, simulated_reviews(forgetful_student(), cards=60))
    _log(other, simulated_reviews(forgetful_student(), cards=60, seed=11))
    _log(few, simulated_reviews(DEFAULT_PARAMETERS, cards=10))
    out = fit("--all")
    lines = out.splitlines()
    assert lines[0].startswith("a-ready: Memory model: fitted on 540 reviews")
    assert lines[1].startswith("b-ready: Memory model: fitted on")
    assert lines[-1] == ("Fitted 2 of 2 users with at least 400 reviews; 1 more have fewer "
                         "reviews and were left alone.")
    assert set(MemoryModel.objects.values_list("user__username", flat=True)) == {
        "a-ready", "b-ready"}


def test_it_needs_a_user_or_all():
    with pytest.raises(CommandError, match="one of the arguments --user --all is required"):
        fit()
