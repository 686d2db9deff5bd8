"""Anki packages: through the official ``anki`` package when it is installed,
and by reading the package's SQLite directly always.

``anki`` (AGPL-3.0) is not pinned in pyproject.toml; install it to run the
round trip: ``.venv/bin/pip install anki==26.9.3``.
"""

import io
import json
import os
import sqlite3
import tempfile
import zipfile

import genanki
import pytest
from PIL import Image

from quizzes.interop import apkg
from quizzes.interop.cards import CardData, DeckData, FormatError


def png(colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(out, "PNG")
    return out.getvalue()


def cards() -> list[CardData]:
    return [
        CardData("q-year", "year", "In what year was the Peace of Westphalia signed?", "1648",
                 passage_text="The Peace of Westphalia was signed in 1648.",
                 topic="Thirty Years' War", document_title="Europe in 1600s"),
        CardData("q-cloze", "cloze", "The Peace of ____ ended the war.", "Westphalia",
                 accepted=["Münster"], topic="Thirty Years' War"),
        CardData("q-who", "who", "Who led Sweden into the war?", "Gustavus Adolphus",
                 choices=["Wallenstein", "Gustavus Adolphus", "Tilly", "Richelieu"]),
        CardData("q-image", "image", "This map shows the ____ in 1648.", "Holy Roman Empire",
                 image_bytes=png(), image_name="map.png", passage_text="A map of Europe."),
    ]


def deck(items=None) -> DeckData:
    return DeckData("Thirty Years' War", "recall-deck-42", items or cards())


def sqlite_of(package: bytes):
    """The package's collection as a sqlite3 connection, and its media map."""
    archive = zipfile.ZipFile(io.BytesIO(package))
    tmp = tempfile.NamedTemporaryFile(suffix=".anki2", delete=False)
    tmp.write(archive.read("collection.anki2"))
    tmp.close()
    return sqlite3.connect(tmp.name), json.loads(archive.read("media")), archive


# Read directly ----------------------------------------------------------------


def test_the_package_holds_one_note_per_question_with_guids_from_their_keys():
    db, media, archive = sqlite_of(apkg.export_apkg(deck()))
    rows = db.execute("SELECT guid, mid, tags, flds FROM notes ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [genanki.guid_for(k) for k in
                                    ("q-year", "q-cloze", "q-who", "q-image")]
    assert [r[1] for r in rows] == [apkg.BASIC_MODEL_ID, apkg.CLOZE_MODEL_ID,
                                    apkg.CHOICE_MODEL_ID, apkg.CLOZE_MODEL_ID]
    assert sorted(rows[0][2].split()) == ["document::Europe_in_1600s", "kind::year",
                                  "topic::Thirty_Years'_War"]
    assert rows[1][3].split("\x1f")[0] == "The Peace of {{c1::Westphalia}} ended the war."
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    assert "{{type:Answer}}" in models[str(apkg.BASIC_MODEL_ID)]["tmpls"][0]["qfmt"]
    assert "{{Source}}" in models[str(apkg.BASIC_MODEL_ID)]["tmpls"][0]["afmt"]
    assert "{{Choices}}" in models[str(apkg.CHOICE_MODEL_ID)]["tmpls"][0]["qfmt"]
    [(member, name)] = media.items()
    assert archive.read(member) == png() and name in rows[3][3]


def test_re_exporting_keeps_the_deck_id_note_type_ids_and_guids():
    first, _, _ = sqlite_of(apkg.export_apkg(deck(), timestamp=1_000))
    second, _, _ = sqlite_of(apkg.export_apkg(deck(), timestamp=2_000))
    query = "SELECT guid, mid FROM notes ORDER BY guid"
    assert first.execute(query).fetchall() == second.execute(query).fetchall()
    decks = "SELECT decks FROM col"
    assert set(json.loads(first.execute(decks).fetchone()[0])) == set(
        json.loads(second.execute(decks).fetchone()[0]))


def test_our_own_package_imports_back_to_the_same_questions():
    result = apkg.import_apkg(apkg.export_apkg(deck()))
    original = cards()
    assert [c.key for c in result.cards] == [c.key for c in original]
    for before, after in zip(original, result.cards, strict=True):
        assert (after.type, after.prompt, after.answer) == (before.type, before.prompt,
                                                            before.answer)
        assert after.choices == before.choices and after.accepted == before.accepted
        assert after.passage_text == before.passage_text and after.topic == before.topic
    assert result.cards[3].image_bytes == png()


# Bad packages -------------------------------------------------------------------


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_file_that_is_not_a_zip_is_refused_clearly():
    with pytest.raises(FormatError, match="not an Anki package"):
        apkg.import_apkg(b"SQLite format 3\x00 but not zipped")


def test_a_zip_without_a_collection_is_refused_clearly():
    with pytest.raises(FormatError, match="no Anki collection"):
        apkg.import_apkg(zip_of({"media": b"{}", "notes.txt": b"hello"}))


def test_a_collection_that_is_not_a_database_is_refused_clearly():
    with pytest.raises(FormatError, match="not a readable Anki database"):
        apkg.import_apkg(zip_of({"collection.anki2": b"garbage" * 100, "media": b"{}"}))


def test_the_newest_anki_format_asks_for_an_export_for_older_versions():
    with pytest.raises(FormatError, match="Support older Anki versions"):
        apkg.import_apkg(zip_of({"collection.anki21b": b"(zstd)", "collection.anki2": b""}))


def test_notes_of_an_unknown_note_type_are_skipped_and_counted():
    package = apkg.export_apkg(deck())
    db, media, archive = sqlite_of(package)
    db.execute("UPDATE notes SET mid = 12345 WHERE guid = ?", (genanki.guid_for("q-who"),))
    db.commit()
    path = db.execute("PRAGMA database_list").fetchone()[2]
    db.close()
    members = {n: archive.read(n) for n in archive.namelist()}
    members["collection.anki2"] = open(path, "rb").read()
    result = apkg.import_apkg(zip_of(members))
    assert [c.key for c in result.cards] == ["q-year", "q-cloze", "q-image"]
    assert result.skipped == 1 and "unknown note type" in result.warnings[0]


# Through the official anki package -----------------------------------------------


@pytest.fixture
def anki_collection(tmp_path):
    from anki import collection

    col = collection.Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def anki_import(col, package: bytes, tmp_path, name: str):
    from anki.collection import ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    path = tmp_path / name
    path.write_bytes(package)
    options = ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=True)
    return col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    ).log


def test_anki_imports_every_note_card_field_cloze_tag_and_picture(anki_collection, tmp_path):
    col = anki_collection
    log = anki_import(col, apkg.export_apkg(deck()), tmp_path, "deck.apkg")
    assert len(log.new) == 4
    assert col.note_count() == 4 and col.card_count() == 4
    notes = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
    year = notes[genanki.guid_for("q-year")]
    assert year.note_type()["name"] == "Recall: typed answer"
    assert year["Question"] == "In what year was the Peace of Westphalia signed?"
    assert year["Answer"] == "1648"
    assert year["Source"] == "The Peace of Westphalia was signed in 1648."
    assert sorted(year.tags) == ["document::Europe_in_1600s", "kind::year",
                                 "topic::Thirty_Years'_War"]
    cloze = notes[genanki.guid_for("q-cloze")]
    assert cloze["Text"] == "The Peace of {{c1::Westphalia}} ended the war."
    assert len(cloze.cards()) == 1
    card = cloze.cards()[0]
    assert "[...]" in card.question() and "Westphalia" in card.answer()
    choice = notes[genanki.guid_for("q-who")]
    assert "Tilly" in choice.cards()[0].question()
    picture = notes[genanki.guid_for("q-image")]
    [name] = os.listdir(col.media.dir())
    assert name in picture["Image"]
    assert (tmp_path / "collection.media" / name).read_bytes() == png()
    assert col.decks.by_name("Thirty Years' War") is not None


def test_anki_updates_notes_on_a_re_export_after_an_edit_instead_of_adding(
    anki_collection, tmp_path
):
    col = anki_collection
    anki_import(col, apkg.export_apkg(deck(), timestamp=1_700_000_000), tmp_path, "one.apkg")
    edited = cards()
    edited[0].prompt = "When was the Peace of Westphalia signed?"
    log = anki_import(col, apkg.export_apkg(deck(edited), timestamp=1_700_100_000), tmp_path,
                      "two.apkg")
    assert len(log.new) == 0 and len(log.updated) >= 1
    assert col.note_count() == 4 and col.card_count() == 4
    nid = col.db.scalar("SELECT id FROM notes WHERE guid = ?", genanki.guid_for("q-year"))
    assert col.get_note(nid)["Question"] == "When was the Peace of Westphalia signed?"


def test_a_package_anki_itself_wrote_imports_basic_and_cloze_notes_with_media(
    anki_collection, tmp_path
):
    from anki.collection import ExportAnkiPackageOptions

    col = anki_collection
    basic = col.new_note(col.models.by_name("Basic"))
    basic["Front"], basic["Back"] = "Capital of <b>France</b>?", "Paris"
    col.add_note(basic, 1)
    name = col.media.write_data("river.png", png("blue"))
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = f'{{{{c1::Ghent}}}} was signed in {{{{c2::1814}}}}. <img src="{name}">'
    col.add_note(cloze, 1)
    out = str(tmp_path / "from-anki.apkg")
    options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                       with_media=True, legacy=True)
    col.export_anki_package(out_path=out, options=options, limit=None)
    result = apkg.import_apkg(open(out, "rb").read())
    assert [(c.type, c.prompt, c.answer) for c in result.cards] == [
        ("what", "Capital of France?", "Paris"),
        ("image", "____ was signed in 1814.", "Ghent"),
        ("image", "Ghent was signed in ____.", "1814"),
    ]
    assert result.cards[0].key == f"anki:{basic.guid}"
    assert result.cards[1].key == f"anki:{cloze.guid}"
    assert result.cards[2].key == f"anki:{cloze.guid} c2"
    assert result.cards[1].image_bytes == png("blue")
    # Sent back to Anki, the imported note keeps its GUID: Anki updates, never duplicates.
    assert apkg.guid_for(result.cards[2]) == cloze.guid


def test_a_collection_in_ankis_current_schema_is_read_and_image_occlusion_skipped(
    anki_collection, tmp_path
):
    col = anki_collection
    basic = col.new_note(col.models.by_name("Basic"))
    basic["Front"], basic["Back"] = "Treaty of Ghent?", "1814"
    col.add_note(basic, 1)
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = "The {{c1::Treaty of Ghent}} ended the war."
    col.add_note(cloze, 1)
    occlusion = col.new_note(col.models.by_name("Image Occlusion"))
    occlusion["Occlusion"] = "{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2}}"
    occlusion["Image"] = '<img src="map.png">'
    col.add_note(occlusion, 1)
    col.close()
    raw = (tmp_path / "collection.anki2").read_bytes()
    result = apkg.import_apkg(zip_of({"collection.anki21": raw, "media": b"{}"}))
    assert [(c.type, c.prompt, c.answer) for c in result.cards] == [
        ("year", "Treaty of Ghent?", "1814"),
        ("cloze", "The ____ ended the war.", "Treaty of Ghent"),
    ]
    assert result.skipped == 1  # image occlusion: a note type Recall cannot show
    col.reopen()
