"""Reports on questions: a teacher or a student tells the admins a question needs a look.

One service for both: teachers report from their pages (teaching), students
from the back of a card (quizzes). A person has at most one open report on a
question; reporting again keeps the first reason.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from content.models import Question, QuestionReport

MAX_REASON = 2000


@transaction.atomic
def question_report(*, question: Question, reporter: User, reason: str) -> QuestionReport:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Say what is wrong with the question, so an admin can fix it.")
    report, _ = QuestionReport.objects.get_or_create(
        question=question, reporter=reporter, resolved=False,
        defaults={"reason": reason[:MAX_REASON]},
    )
    return report
