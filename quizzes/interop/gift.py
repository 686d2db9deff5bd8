"""Moodle GIFT: a writer, and a parser that reads the kinds Recall has.

Written per question::

    // topic: Thirty Years' War
    ::<key>::<prompt>{<answers>####<source passage>}

Kinds: multiple choice ``{=right ~wrong ~wrong}``, true/false ``{T}``, short
answer ``{=one =other}``, numerical ``{#1648:0}``, and a cloze question as
GIFT's missing word (``The Peace of {=Westphalia} ended the war.``).
"""

from __future__ import annotations

import hashlib
import re

from quizzes.interop.cards import (
    BLANK,
    MAX_CARDS,
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

SPECIAL = "~=#{}:\\"
# The Recall types a comment may restore, for each kind the parser found.
HINTABLE = {
    "choice": ("who", "what", "where", "year", "how_many", "multiple_choice", "image"),
    "short": ("who", "what", "where", "year", "how_many", "image"),
    "cloze": ("cloze", "image"),
    "numeric": ("year", "how_many"),
}


def escape(text: str) -> str:
    out = "".join(f"\\{ch}" if ch in SPECIAL else ch for ch in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _feedback(card: CardData) -> str:
    general = card.passage_text or card.explanation
    return f" ####{escape(general)}" if general else ""


def _answers(card: CardData) -> str | None:
    kind = card.kind
    if kind == "true_false":
        return "T" if card.answer.strip().casefold() in ("true", "t", "yes") else "F"
    if kind == "choice":
        right = [card.answer, *card.accepted]
        items = [("=" if c in right else "~") + escape(c) for c in card.choices]
        if card.answer not in card.choices:
            items.insert(0, "=" + escape(card.answer))
        return " ".join(items)
    if kind == "numeric":
        value = as_number(card.answer)
        return f"#{format_number(value)}:{format_number(card.absolute_tolerance)}"
    if kind in ("short", "cloze"):
        return " ".join("=" + escape(a) for a in dict.fromkeys([card.answer, *card.accepted]))
    return None  # timeline order: GIFT has no such question


def export_gift(deck: DeckData) -> tuple[str, int]:
    """The GIFT text, and how many questions had no GIFT form (timeline order)."""
    title = " ".join(deck.title.split())
    blocks = [f"// Recall deck: {title}", f"$CATEGORY: $course$/Recall/{title}"]
    skipped = 0
    for card in deck.cards:
        answers = _answers(card)
        if answers is None:
            skipped += 1
            continue
        block = f"{{{answers}{_feedback(card)}}}"
        title = f"::{escape(card.key)}::"
        if card.kind == "cloze":
            before, after = card.prompt.split(BLANK, 1)
            text = f"{title}{escape(before)}{block}{escape(after)}"
        else:
            text = f"{title}{escape(card.prompt)}{block}"
        comment = f"// type: {card.type}" + (f"; topic: {card.topic}" if card.topic else "")
        blocks.append(f"{comment.replace(chr(10), ' ')}\n{text}")
    return "\n\n".join(blocks) + "\n", skipped


# Parsing ---------------------------------------------------------------------


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _find(text: str, chars: str, start: int = 0) -> int:
    """The first unescaped occurrence of any of ``chars``, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            return i
        i += 1
    return -1


def _blocks(text: str) -> list[tuple[str, dict[str, str]]]:
    """Questions, separated by blank lines, each with the hints of the comment above it.

    Our exporter writes ``// type: who; topic: …`` above each question, so a
    round trip keeps the Recall type and topic; other files simply have none.
    """
    blocks: list[tuple[str, dict[str, str]]] = []
    current: list[str] = []
    hints: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            if not current:
                hints = dict(_hint(part) for part in stripped[2:].split(";") if ":" in part)
            continue
        if not stripped:
            if current:
                blocks.append(("\n".join(current), hints))
                current, hints = [], {}
            continue
        if stripped.startswith("$CATEGORY:") and not current:
            continue
        current.append(line)
    if current:
        blocks.append(("\n".join(current), hints))
    return blocks


def _hint(part: str) -> tuple[str, str]:
    name, _, value = part.partition(":")
    return name.strip().casefold(), value.strip()


def _strip_format(text: str) -> str:
    return re.sub(r"^\s*\[(?:html|moodle|plain|markdown)\]", "", text)


def _clean(text: str) -> str:
    text = _unescape(_strip_format(text))
    text = re.sub(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>", "", text)  # [html] markup
    return " ".join(text.split()) if "\n" not in text else text.strip()


def _items(body: str) -> tuple[list[tuple[str, str]], str]:
    """Answer items as (mark, text) — mark "=" or "~" — and the general feedback."""
    body, general = _general_split(body)
    items: list[tuple[str, str]] = []
    i = _find(body, "=~")
    while i != -1:
        nxt = _find(body, "=~", i + 1)
        chunk = body[i + 1 : nxt if nxt != -1 else len(body)]
        fb = _find(chunk, "#")
        if fb != -1:
            chunk = chunk[:fb]  # per-answer feedback
        mark = body[i]
        weight = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", chunk)
        if weight:
            chunk = chunk[weight.end() :]
            if mark == "~" and float(weight.group(1)) >= 100:
                mark = "="
        items.append((mark, _clean(chunk)))
        i = nxt
    return items, _clean(general)


def _general_split(body: str) -> tuple[str, str]:
    cut = body.find("####")
    while cut > 0 and body[cut - 1] == "\\":
        cut = body.find("####", cut + 1)
    return (body, "") if cut == -1 else (body[:cut], body[cut + 4 :])


def _numeric(body: str, prompt: str, base: dict, result: ImportResult) -> CardData | None:
    """``#1648:0``, ``#1640..1650`` or ``#=1648:0 =1650:2`` (the first answer counts)."""
    inner, general = _general_split(body)
    inner = inner.strip()
    if inner.startswith("="):
        inner = inner[1:]
    cut = _find(inner, "=~#")
    value_text = re.sub(r"^%-?[\d.]+%", "", _unescape(inner[:cut] if cut != -1 else inner).strip())
    if ".." in value_text:
        low, high = (as_number(v) for v in value_text.split("..", 1))
        if low is None or high is None:
            result.skip("Numerical questions without a number were skipped.")
            return None
        value, spread = (low + high) / 2, (high - low) / 2
    else:
        number_text, _, tol_text = value_text.partition(":")
        value, spread = as_number(number_text), as_number(tol_text) or 0.0
        if value is None:
            result.skip("Numerical questions without a number were skipped.")
            return None
    answer = format_number(value)
    return CardData(type=guess_type(answer), prompt=prompt, answer=answer,
                    tolerance=round(abs(spread / value), 12) if value else 0.0,
                    passage_text=_clean(general), **base)


def _parse_block(block: str, hints: dict[str, str], result: ImportResult) -> None:
    title = ""
    text = block.strip()
    if text.startswith("::"):
        end = text.find("::", 2)
        while end != -1 and text[end - 1] == "\\":
            end = text.find("::", end + 1)
        if end == -1:
            result.skip("Questions with an unfinished ::title:: were skipped.")
            return
        title, text = _unescape(text[2:end]).strip(), text[end + 2 :]
    open_at = _find(text, "{")
    close_at = _find(text, "}", open_at + 1) if open_at != -1 else -1
    if open_at == -1 or close_at == -1:
        result.skip("Descriptions and questions without an answer block were skipped.")
        return
    before, body, after = text[:open_at], text[open_at + 1 : close_at].strip(), text[close_at + 1 :]
    prompt = _clean(before)
    tail = _clean(after)
    key = short_key("", title) if title else (
        "gift:"
        + hashlib.sha1(" ".join(text.split()).encode(), usedforsecurity=False).hexdigest()[:20]
    )
    base = {"key": key}
    card: CardData | None = None
    tf = re.fullmatch(r"(T|TRUE|F|FALSE)\s*(?:#.*)?", body.split("####")[0].strip(), re.S)
    if tf:
        items, general = _items(body)
        answer = "True" if tf.group(1).startswith("T") else "False"
        card = CardData(type="true_false", prompt=prompt, answer=answer,
                        choices=["True", "False"], **base)
    elif body.startswith("#"):
        card = _numeric(body[1:], prompt, base, result)
        if card is None:
            return
        general = card.passage_text
    else:
        items, general = _items(body)
        right = [t for m, t in items if m == "=" and t]
        if not items or not right or any("->" in t for _, t in items):
            result.skip("Essay, matching and other GIFT question kinds were skipped.")
            return
        if any(m == "~" for m, _ in items):
            card = CardData(type="multiple_choice", prompt=prompt, answer=right[0],
                            accepted=right[1:], choices=[t for _, t in items if t], **base)
        else:
            card = CardData(type=guess_type(right[0]), prompt=prompt, answer=right[0],
                            accepted=right[1:], **base)
    if tail:  # missing word: the answer block sat inside the sentence
        card.prompt = f"{prompt} {BLANK} {tail}".strip() if prompt else f"{BLANK} {tail}"
        card.prompt = re.sub(r" ([,.;:!?])", r"\1", card.prompt)
        if card.kind == "short":
            card.type = "cloze"
    if not card.prompt:
        result.skip("Questions without any text were skipped.")
        return
    card.passage_text = general
    card.topic = hints.get("topic", "")
    hinted = hints.get("type", "")
    if hinted in HINTABLE.get(card.kind, ()):
        card.type = hinted
    result.cards.append(card)


def import_gift(text: str) -> ImportResult:
    result = ImportResult(source="gift")
    blocks = _blocks(text.replace("\r\n", "\n"))
    if len(blocks) > MAX_CARDS:
        raise FormatError(f"This file has more than {MAX_CARDS:,} questions; split it up.")
    for block, hints in blocks:
        _parse_block(block, hints, result)
    if not result.cards:
        raise FormatError("No GIFT questions were found in this file.")
    unique_keys(result.cards)
    return result
