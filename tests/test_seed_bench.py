"""seed_bench builds a consistent dataset: every card is its last review's outcome."""

from datetime import datetime

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.db.models import Count

from accounts.models import User
from quizzes.models import Card, Enrollment, ReviewLog
from teaching.models import Classroom


@pytest.mark.django_db
def test_seed_bench_xs_is_consistent_and_rebuildable():
    call_command("seed_bench", scale="XS", students=8, workers=0, verbosity=0)

    students = User.objects.filter(username__startswith="bench-s-")
    assert students.count() == 8 + 2  # plus the heavy and light study-bench students
    bench_users = User.objects.filter(username__startswith="bench-")
    hashes = set(bench_users.values_list("password", flat=True))
    assert len(hashes) == 1 and check_password("bench-password", hashes.pop())
    assert Classroom.objects.filter(code__startswith="BENCH").exists()

    cards = Card.objects.filter(user__username__startswith="bench-")
    logs = ReviewLog.objects.filter(user__username__startswith="bench-")
    expected = Enrollment.objects.filter(user__username__startswith="bench-").aggregate(
        n=Count("deck__entries")
    )["n"]
    assert cards.count() == expected
    assert logs.count() > 0
    # One log per card version: versions count the reviews.
    assert logs.count() == sum(cards.values_list("version", flat=True))
    tokens = list(logs.values_list("token", flat=True))
    assert len(tokens) == len(set(tokens))
    assert logs.filter(user__username="bench-s-light").count() == 10

    last, first = {}, {}
    for log in logs.order_by("reviewed_at", "id"):
        last[log.card_id] = log
        first.setdefault(log.card_id, log)
    for card in cards:
        log = last.get(card.pk)
        if log is None:
            assert card.last_review is None and card.reps == 0
            continue
        after = log.state_after
        assert log.token == f"{card.pk}:{card.version - 1}"
        assert (card.state, card.step, card.stability, card.difficulty) == (
            after["state"],
            after["step"],
            after["stability"],
            after["difficulty"],
        )
        assert card.due == datetime.fromisoformat(after["due"])
        assert card.last_review == datetime.fromisoformat(after["last_review"])
        assert (card.reps, card.lapses) == (after["reps"], after["lapses"])
        # Item analysis reads the first graded attempt from the card.
        assert card.attempts == card.version
        assert card.first_attempt_correct == first[card.pk].correct
        assert card.first_attempt_at == first[card.pk].reviewed_at

    n_logs = logs.count()
    call_command("seed_bench", scale="XS", students=8, workers=0, verbosity=0)  # a no-op
    assert ReviewLog.objects.count() == n_logs
    call_command("seed_bench", scale="XS", students=8, workers=0, reset=True, verbosity=0)
    assert ReviewLog.objects.filter(user__username="bench-s-light").count() == 10
    assert User.objects.filter(username__startswith="bench-s-").count() == 10


@pytest.mark.django_db
def test_seed_bench_refuses_to_reuse_a_dataset_stopped_half_way():
    from django.core.management.base import CommandError

    call_command("seed_bench", scale="XS", students=4, workers=0, verbosity=0)
    # The marker is there but the histories are not, as after an interrupted run.
    ReviewLog.objects.filter(user__username="bench-s-heavy").delete()
    with pytest.raises(CommandError, match="incomplete"):
        call_command("seed_bench", scale="XS", students=4, workers=0, verbosity=0)
