"""A student moving from Anki keeps their intervals: the package's review history
(``revlog``) replayed onto their Recall cards, through the official ``anki`` package."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from quizzes import scheduling
from quizzes.interop import apkg, services
from quizzes.models import Card, Deck, ReviewLog
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
# Days after START of each answer, by card: learning steps minutes apart, then reviews
# days apart, as a real history is. (Anki's clock cannot be moved, so the answers
# Anki wrote are re-timed to these moments.)
SCRIPT = {
    "france": [(3, 0), (3, 0.01), (3, 1), (3, 5), (3, 18)],
    "rome": [(1, 0), (3, 0.01), (3, 2), (1, 9), (3, 9.01), (3, 15)],
    "ghent c1": [(4, 3), (3, 20)],
    # "ghent c2" is never reviewed: it stays new.
}


def moment(name: str, day: float) -> datetime:
    """When the answer to card ``name`` on ``day`` was made (two never share a millisecond)."""
    return START + timedelta(days=day, milliseconds=list(CARDS).index(name))


CARDS = ["france", "rome", "ghent c1", "ghent c2"]


class AnkiDeck:
    """A collection with two basic notes and a two-deletion cloze, some of it reviewed."""

    def __init__(self, tmp_path):
        from anki.collection import Collection

        self.dir = tmp_path
        self.col = Collection(str(tmp_path / "collection.anki2"))
        col = self.col
        self.cards = {}
        for name, front, back in [("france", "Capital of France?", "Paris"),
                                  ("rome", "Capital of the Roman Empire?", "Rome")]:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, 1)
            self.cards[name] = note.cards()[0].id
        cloze = col.new_note(col.models.by_name("Cloze"))
        cloze["Text"] = "The Treaty of {{c1::Ghent}} was signed in {{c2::1814}}."
        col.add_note(cloze, 1)
        first, second = sorted(cloze.cards(), key=lambda c: c.ord)
        self.cards["ghent c1"], self.cards["ghent c2"] = first.id, second.id
        for name, steps in SCRIPT.items():
            self.answer(name, steps)

    def answer(self, name: str, steps) -> None:
        """Answer the card in Anki, then move each new revlog row to its moment."""
        for ease, day in steps:
            card = self.col.get_card(self.cards[name])
            card.start_timer()
            self.col.sched.answerCard(card, ease)
            rid = self.col.db.scalar("SELECT max(id) FROM revlog")
            at = int(moment(name, day).timestamp() * 1000)
            self.col.db.execute("UPDATE revlog SET id = ? WHERE id = ?", at, rid)

    def export(self, name: str = "french.apkg") -> bytes:
        from anki.collection import ExportAnkiPackageOptions

        out = self.dir / name
        options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True,
                                           with_media=True, legacy=True)
        self.col.export_anki_package(out_path=str(out), options=options, limit=None)
        return out.read_bytes()


@pytest.fixture
def anki_deck(tmp_path):
    deck = AnkiDeck(tmp_path)
    yield deck
    deck.col.close()


def replayed(card: Card, name: str, steps) -> scheduling.CardState:
    """What Recall's scheduler gives for these answers, computed here on its own."""
    state = scheduling.new_card_state(START)
    for ease, day in steps:
        state = scheduling.review(state, ease, moment(name, day), fuzz_seed=card.pk)
    return state


def cards_by_name(student) -> dict[str, Card]:
    prompts = {"france": "Capital of France?", "rome": "Capital of the Roman Empire?",
               "ghent c1": "The Treaty of ____ was signed in 1814.",
               "ghent c2": "The Treaty of Ghent was signed in ____."}
    return {name: Card.objects.get(user=student, question__prompt=prompt)
            for name, prompt in prompts.items()}


def test_the_package_carries_each_cards_answers_oldest_first(anki_deck):
    result = apkg.import_apkg(anki_deck.export())
    by_prompt = {c.prompt: c.key for c in result.cards}
    france = result.history[by_prompt["Capital of France?"]]
    assert [r.rating for r in france] == [3, 3, 3, 3, 3]
    assert france[0].reviewed_at == moment("france", 0)
    assert [r.rating for r in result.history[by_prompt["Capital of the Roman Empire?"]]] == [
        1, 3, 3, 1, 3, 3]
    assert by_prompt["The Treaty of Ghent was signed in ____."] not in result.history


def test_a_due_date_set_by_hand_is_not_an_answer_and_forget_starts_the_card_again(
    anki_deck,
):
    anki_deck.col.sched.set_due_date([anki_deck.cards["france"]], "5")
    anki_deck.col.sched.schedule_cards_as_new([anki_deck.cards["rome"]], restore_position=True,
                                              reset_counts=False)
    result = apkg.import_apkg(anki_deck.export())
    by_prompt = {c.prompt: c.key for c in result.cards}
    assert len(result.history[by_prompt["Capital of France?"]]) == 5
    assert by_prompt["Capital of the Roman Empire?"] not in result.history


def test_importing_with_history_seeds_the_students_cards_as_replaying_gives(anki_deck):
    student = StudentFactory()
    result = apkg.import_apkg(anki_deck.export())
    own = services.deck_import_own(result=result, user=student, filename="french.apkg",
                                   with_history=True, now=NOW)
    assert own.deck.owner == student and own.deck.visibility == Deck.Visibility.PRIVATE
    assert own.replay.reviews == 13 and own.replay.cards == 3
    cards = cards_by_name(student)
    for name, steps in SCRIPT.items():
        card, expected = cards[name], replayed(cards[name], name, steps)
        assert card.stability == pytest.approx(expected.stability)
        assert card.difficulty == pytest.approx(expected.difficulty)
        assert card.due == expected.due and card.state == expected.state
        assert card.last_review == moment(name, steps[-1][1])
        assert card.reps == len(steps)
        assert ReviewLog.objects.filter(card=card).count() == len(steps)
    assert cards["rome"].lapses == 1  # the second Again came after it had graduated
    assert cards["france"].due - cards["france"].last_review > timedelta(days=20)  # kept
    assert cards["ghent c2"].is_new and not cards["ghent c2"].logs.exists()
    logs = ReviewLog.objects.filter(user=student).order_by("reviewed_at")
    assert logs.count() == 13 and logs.filter(was_new=True).count() == 3
    assert all(log.token.startswith("anki:") for log in logs)


def test_importing_the_same_package_again_adds_no_logs_and_moves_no_card(anki_deck):
    student = StudentFactory()
    data = anki_deck.export()
    services.deck_import_own(result=apkg.import_apkg(data), user=student,
                             filename="french.apkg", with_history=True, now=NOW)
    before = {c.pk: (c.due, c.stability, c.version) for c in Card.objects.filter(user=student)}
    again = services.deck_import_own(result=apkg.import_apkg(data), user=student,
                                     filename="french.apkg", with_history=True, now=NOW)
    assert again.replay.reviews == 0 and again.replay.skipped == 13
    assert ReviewLog.objects.filter(user=student).count() == 13
    assert {c.pk: (c.due, c.stability, c.version)
            for c in Card.objects.filter(user=student)} == before
    assert Deck.objects.filter(owner=student).count() == 1


def test_a_later_export_adds_only_the_answers_made_in_anki_since(anki_deck):
    student = StudentFactory()
    services.deck_import_own(result=apkg.import_apkg(anki_deck.export()), user=student,
                             filename="french.apkg", with_history=True, now=NOW)
    anki_deck.answer("ghent c2", [(3, 40)])
    later = services.deck_import_own(result=apkg.import_apkg(anki_deck.export()),
                                     user=student, filename="french.apkg",
                                     with_history=True, now=NOW)
    assert later.replay.reviews == 1
    assert ReviewLog.objects.filter(user=student).count() == 14
    card = cards_by_name(student)["ghent c2"]
    assert card.due == replayed(card, "ghent c2", [(3, 40)]).due


def test_without_history_the_cards_start_new(anki_deck):
    student = StudentFactory()
    own = services.deck_import_own(result=apkg.import_apkg(anki_deck.export()), user=student,
                                   filename="french.apkg", with_history=False, now=NOW)
    assert own.replay is None
    assert Card.objects.filter(user=student).count() == 4
    assert all(card.is_new for card in Card.objects.filter(user=student))
    assert not ReviewLog.objects.filter(user=student).exists()


def test_the_command_imports_with_history_for_the_named_user(anki_deck, tmp_path, capsys):
    student = StudentFactory(username="moving-from-anki")
    path = tmp_path / "mine.apkg"
    path.write_bytes(anki_deck.export())
    call_command("import_deck", str(path), "--user", "moving-from-anki", "--with-history")
    out = capsys.readouterr().out
    assert "4 new" in out and "13 reviews of 3 cards kept" in out and "ready to study" in out
    assert ReviewLog.objects.filter(user=student).count() == 13
    call_command("import_deck", str(path), "--user", "moving-from-anki", "--with-history")
    assert ReviewLog.objects.filter(user=student).count() == 13


def test_the_command_says_a_csv_has_no_history(tmp_path):
    StudentFactory(username="moving-from-anki")
    path = tmp_path / "terms.csv"
    path.write_text("Paris,France\n")
    with pytest.raises(CommandError, match="Only an Anki package"):
        call_command("import_deck", str(path), "--user", "moving-from-anki", "--with-history")


def test_a_student_imports_their_anki_deck_with_history_on_the_page(anki_deck, client):
    student = StudentFactory()
    client.force_login(student)
    page = client.get(reverse("quizzes:deck_list")).content.decode()
    assert reverse("quizzes:deck_import") in page
    form = client.get(reverse("quizzes:deck_import")).content.decode()
    assert "Keep my Anki review history" in form
    upload = SimpleUploadedFile("french.apkg", anki_deck.export())
    response = client.post(reverse("quizzes:deck_import"),
                           {"file": upload, "with_history": "on"}, follow=True)
    deck = Deck.objects.get(owner=student)
    assert response.redirect_chain[-1][0] == deck.get_absolute_url()
    text = response.content.decode()
    assert "4 new" in text and "13 reviews of 3 cards kept" in text
    assert ReviewLog.objects.filter(user=student).count() == 13
    # Published for this deck only: another student sees neither deck nor questions.
    other = StudentFactory()
    client.force_login(other)
    assert client.get(deck.get_absolute_url()).status_code == 404
    assert deck.title not in client.get(reverse("quizzes:deck_list")).content.decode()


def test_the_page_without_the_box_ticked_starts_every_card_new(anki_deck, client):
    student = StudentFactory()
    client.force_login(student)
    upload = SimpleUploadedFile("french.apkg", anki_deck.export())
    client.post(reverse("quizzes:deck_import"), {"file": upload})
    assert Card.objects.filter(user=student).count() == 4
    assert not ReviewLog.objects.filter(user=student).exists()


def test_the_page_refuses_a_broken_package_and_writes_nothing(client):
    student = StudentFactory()
    client.force_login(student)
    upload = SimpleUploadedFile("french.apkg", b"not a zip at all")
    response = client.post(reverse("quizzes:deck_import"),
                           {"file": upload, "with_history": "on"})
    assert response.status_code == 400
    assert "not an Anki package" in response.content.decode()
    assert not Deck.objects.filter(owner=student).exists()


def test_teachers_import_on_their_own_page(client):
    from tests.factories import TeacherFactory

    client.force_login(TeacherFactory())
    assert client.get(reverse("quizzes:deck_import")).status_code == 403
