"""Moodle XML: built with ``xml.etree``, read with ``defusedxml``.

Kinds: ``multichoice`` (with its distractors), ``truefalse``, ``shortanswer``
(a cloze question too, its blank left in the text) and ``numerical`` (with an
absolute tolerance). An image travels inside the question text as a base64
``<file>`` element, referenced by ``@@PLUGINFILE@@/name``.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import xml.etree.ElementTree as ET  # noqa: S405 — writing only; reading uses defusedxml

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from quizzes.interop.cards import (
    MAX_CARDS,
    MAX_MEDIA_BYTES,
    CardData,
    DeckData,
    FormatError,
    ImportResult,
    as_number,
    format_number,
    guess_type,
    short_key,
    unique_keys,
)

PLUGINFILE = "@@PLUGINFILE@@/"


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "text").text = value
    return element


def _html(value: str) -> str:
    return html.escape(value).replace("\n", "<br>")


def _answer(question: ET.Element, text: str, fraction: int, tolerance: str | None = None):
    answer = ET.SubElement(question, "answer", {"fraction": str(fraction), "format": "plain_text"})
    ET.SubElement(answer, "text").text = text
    if tolerance is not None:
        ET.SubElement(answer, "tolerance").text = tolerance
    _text(answer, "feedback", "", format="html")


def _question(card: CardData, image_name: str) -> ET.Element | None:
    kind = card.kind
    qtype = {"choice": "multichoice", "true_false": "truefalse", "numeric": "numerical",
             "short": "shortanswer", "cloze": "shortanswer"}.get(kind)
    if qtype is None:
        return None  # timeline order has no standard Moodle question type
    q = ET.Element("question", {"type": qtype})
    _text(q, "name", card.key)
    body = f"<p>{_html(card.prompt)}</p>"
    if image_name:
        body += f'<p><img src="{PLUGINFILE}{html.escape(image_name)}" alt=""></p>'
    questiontext = _text(q, "questiontext", body, format="html")
    if image_name:
        file = ET.SubElement(questiontext, "file",
                             {"name": image_name, "path": "/", "encoding": "base64"})
        file.text = base64.b64encode(card.image_bytes or b"").decode("ascii")
    general = card.passage_text or card.explanation
    _text(q, "generalfeedback", f"<p>{_html(general)}</p>" if general else "", format="html")
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = ""
    if qtype == "multichoice":
        ET.SubElement(q, "single").text = "true"
        ET.SubElement(q, "shuffleanswers").text = "true"
        ET.SubElement(q, "answernumbering").text = "abc"
        right = {card.answer, *card.accepted}
        choices = card.choices if card.answer in card.choices else [card.answer, *card.choices]
        for choice in choices:
            _answer(q, choice, 100 if choice in right else 0)
    elif qtype == "truefalse":
        is_true = card.answer.strip().casefold() in ("true", "t", "yes")
        _answer(q, "true", 100 if is_true else 0)
        _answer(q, "false", 0 if is_true else 100)
    elif qtype == "numerical":
        _answer(q, format_number(as_number(card.answer) or 0.0), 100,
                tolerance=format_number(card.absolute_tolerance))
    else:
        ET.SubElement(q, "usecase").text = "0"
        for answer in dict.fromkeys([card.answer, *card.accepted]):
            _answer(q, answer, 100)
    return q


def export_moodle_xml(deck: DeckData) -> tuple[bytes, int]:
    """The XML document, and how many questions had no Moodle form (timeline order)."""
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/Recall/{deck.title}")
    skipped = 0
    for card in deck.cards:
        image_name = ""
        if card.image_bytes:
            image_name = re.sub(r"[^\w.-]+", "_", card.image_name or "image.png")
        element = _question(card, image_name)
        if element is None:
            skipped += 1
            continue
        quiz.append(element)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True), skipped


# Import ----------------------------------------------------------------------


def _plain(value: str | None) -> str:
    value = re.sub(r"<br\s*/?>|</p>", "\n", value or "", flags=re.IGNORECASE)
    value = html.unescape(re.sub(r"<[^>]+>", "", value)).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def _child_text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "") if found is not None else ""


def _image(question: ET.Element) -> tuple[bytes | None, str]:
    for file in question.iter("file"):
        if file.get("encoding", "base64") != "base64" or not file.text:
            continue
        if len(file.text) > MAX_MEDIA_BYTES * 4 // 3 + 4:
            continue
        try:
            data = base64.b64decode(file.text.strip(), validate=False)
        except (binascii.Error, ValueError):
            continue
        return data, file.get("name", "image")
    return None, ""


def _answers(question: ET.Element) -> list[tuple[float, str, ET.Element]]:
    out = []
    for answer in question.findall("answer"):
        try:
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            fraction = 0.0
        out.append((fraction, _plain(_child_text(answer, "text")), answer))
    return out


def _card(question: ET.Element, result: ImportResult) -> CardData | None:
    qtype = question.get("type", "")
    prompt = _plain(_child_text(question, "questiontext/text"))
    name = _plain(_child_text(question, "name/text"))
    key = short_key("", name) if name else short_key("moodle:", prompt)
    image_bytes, image_name = _image(question)
    answers = _answers(question)
    right = [text for fraction, text, _ in answers if fraction >= 100 and text]
    common = {
        "key": key, "prompt": prompt, "image_bytes": image_bytes, "image_name": image_name,
        "passage_text": _plain(_child_text(question, "generalfeedback/text")),
    }
    if not prompt or not answers:
        return None
    if qtype == "multichoice" and right:
        return CardData(type="image" if image_bytes else "multiple_choice", answer=right[0],
                        accepted=right[1:], choices=[t for _, t, _ in answers if t], **common)
    if qtype == "truefalse":
        is_true = any(t.casefold() == "true" for f, t, _ in answers if f >= 100)
        return CardData(type="true_false", answer="True" if is_true else "False",
                        choices=["True", "False"], **common)
    if qtype == "shortanswer" and right:
        qt = "cloze" if prompt.count("____") == 1 else guess_type(right[0], image=bool(image_bytes))
        return CardData(type=qt, answer=right[0], accepted=right[1:], **common)
    if qtype == "numerical" and right:
        value = as_number(right[0])
        if value is None:
            return None
        element = next(a for f, t, a in answers if f >= 100 and t)
        spread = as_number(_child_text(element, "tolerance")) or 0.0
        answer = format_number(value)
        return CardData(type=guess_type(answer), answer=answer,
                        tolerance=round(abs(spread / value), 12) if value else 0.0, **common)
    return None


def import_moodle_xml(data: bytes) -> ImportResult:
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise FormatError("This XML uses entities or DTDs, which Recall does not read.") from exc
    except ET.ParseError as exc:
        raise FormatError(f"This is not well-formed XML ({exc}).") from exc
    if root.tag != "quiz":
        raise FormatError("This is not a Moodle XML question file (its root is not <quiz>).")
    result = ImportResult(source="moodle-xml")
    for question in root.findall("question"):
        if question.get("type") == "category":
            continue
        if len(result.cards) >= MAX_CARDS:
            raise FormatError(f"This file has more than {MAX_CARDS:,} questions; split it up.")
        card = _card(question, result)
        if card is None:
            result.skip("Moodle question types Recall has no form for were skipped "
                        "(essay, matching, cloze, description…).")
            continue
        result.cards.append(card)
    if not result.cards:
        raise FormatError("No multiple choice, true/false, short answer or numerical "
                          "questions were found in this file.")
    unique_keys(result.cards)
    return result
