"""Writes for the quizzes app, one module per concern: decks and enrolments,
reviews, quiz attempts, the student's card actions, and the personal memory model."""
