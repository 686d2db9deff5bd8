"""Write demo/early_aviation.docx: a Word handout with pictures, for `make run`.

The pictures are drawn here with Pillow (portrait silhouettes, a diagram and
two maps, each labelled), so the demo ships nothing it has no right to. The
captions and the text are real history, on a topic the seed does not cover, so
the demo student meets picture questions with their pictures.

    .venv/bin/python demo/make_aviation.py
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from docx import Document
from docx.shared import Inches
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).with_name("early_aviation.docx")
SIZE = (640, 480)
SKY, INK, PAPER, SEA, LAND = (205, 225, 240), (40, 45, 60), (250, 246, 235), (150, 190, 220), (
    190, 210, 160)


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def portrait(background: tuple, hat: str = "", detail: str = "") -> bytes:
    """A head-and-shoulders silhouette in an oval frame.

    No name and no date on it: those are what the picture questions ask.
    """
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.ellipse([170, 30, 470, 420], fill=PAPER, outline=INK, width=6)
    draw.ellipse([255, 95, 385, 245], fill=INK)  # head
    draw.pieslice([190, 230, 450, 520], 180, 360, fill=INK)  # shoulders
    if hat == "cap":  # a flying cap and goggles
        draw.pieslice([250, 85, 390, 215], 180, 360, fill=(90, 60, 40))
        draw.ellipse([275, 150, 315, 180], outline=(200, 200, 210), width=5)
        draw.ellipse([325, 150, 365, 180], outline=(200, 200, 210), width=5)
    elif hat == "bowler":
        draw.ellipse([240, 105, 400, 125], fill=(20, 20, 25))
        draw.pieslice([265, 60, 375, 170], 180, 360, fill=(20, 20, 25))
    if detail == "moustache":
        draw.chord([290, 200, 350, 230], 180, 360, fill=(120, 90, 60))
    elif detail == "scarf":
        draw.polygon([(270, 250), (370, 250), (400, 330), (350, 290), (290, 290)],
                     fill=(250, 250, 250))
    elif detail == "tie":
        draw.polygon([(310, 255), (330, 255), (336, 360), (320, 380), (304, 360)],
                     fill=(150, 40, 40))
    return _png(image)


def flyer_diagram() -> bytes:
    """A side and top view of a biplane with a canard, in the style of a patent drawing."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    for y in (140, 200):  # the two wings
        draw.rectangle([120, y, 520, y + 12], outline=INK, width=3)
    for x in range(140, 520, 48):  # struts
        draw.line([x, 152, x, 200], fill=INK, width=2)
    draw.rectangle([40, 165, 100, 175], outline=INK, width=3)  # elevator in front
    draw.line([100, 170, 120, 170], fill=INK, width=2)
    draw.rectangle([560, 135, 572, 215], outline=INK, width=3)  # rudder behind
    draw.line([520, 175, 560, 175], fill=INK, width=2)
    for cx in (330, 390):  # propellers
        draw.ellipse([cx - 8, 225, cx + 8, 300], outline=INK, width=3)
    draw.line([120, 320, 520, 320], fill=INK, width=4)  # skids
    draw.text((60, 30), "A powered biplane", fill=INK, font=_font(34))
    draw.text((60, 360), "Wingspan 40 ft 4 in. Engine 12 horsepower.", fill=INK, font=_font(22))
    draw.text((60, 390), "Side view (not to scale)", fill=(110, 110, 120), font=_font(20))
    return _png(image)


def route_map(start: tuple[int, int], end: tuple[int, int],
              coasts: list[list[tuple[int, int]]]) -> bytes:
    """Sea, coastlines, and a dashed route between two towns, unnamed (the questions ask)."""
    image = Image.new("RGB", SIZE, SEA)
    draw = ImageDraw.Draw(image)
    for coast in coasts:
        draw.polygon(coast, fill=LAND, outline=INK)
    a, b = start, end
    steps = 24
    for k in range(0, steps, 2):
        p = [a[i] + (b[i] - a[i]) * k / steps for i in (0, 1)]
        q = [a[i] + (b[i] - a[i]) * (k + 1) / steps for i in (0, 1)]
        draw.line([*p, *q], fill=(180, 30, 30), width=5)
    for x, y in (start, end):
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=INK)
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    tip = (b[0] - 14 * math.cos(angle), b[1] - 14 * math.sin(angle))
    draw.regular_polygon((*tip, 12), 3, rotation=-math.degrees(angle) - 90, fill=(180, 30, 30))
    draw.line([34, 470, 34, 430], fill=INK, width=3)  # a north arrow
    draw.regular_polygon((34, 428, 9), 3, fill=INK)
    draw.text((48, 436), "N", fill=INK, font=_font(24))
    return _png(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


TEXT = [
    ("h", "The first powered flight"),
    ("p", "On 17 December 1903 Orville and Wilbur Wright made the first controlled, sustained "
          "flight of a powered aeroplane near Kitty Hawk, North Carolina. The first flight "
          "lasted 12 seconds and covered 120 feet. Wilbur Wright flew 852 feet later that day."),
    ("fig", portrait(SKY, "bowler"),
     "Orville Wright at Kitty Hawk, North Carolina, in December 1903."),
    ("fig", flyer_diagram(),
     "A diagram of the Wright Flyer, the aeroplane the Wright brothers flew in 1903."),
    ("h", "Across the Channel"),
    ("p", "Louis Blériot flew across the English Channel from Calais to Dover on 25 July 1909. "
          "The crossing took about 36 minutes in his Blériot XI monoplane. The newspaper the "
          "Daily Mail paid him a prize of 1,000 pounds."),
    ("fig", portrait((230, 215, 190), "cap", "moustache"),
     "Louis Blériot at Calais in July 1909."),
    ("fig", route_map((470, 330), (170, 120),
                      [[(0, 0), (260, 0), (230, 90), (150, 150), (0, 170)],
                       [(640, 250), (420, 300), (380, 420), (640, 430)]]),
     "A map of the route Louis Blériot flew from Calais to Dover in 1909."),
    ("h", "Across the Atlantic"),
    ("p", "In June 1919 John Alcock and Arthur Brown made the first non-stop flight across the "
          "Atlantic Ocean, from Newfoundland to Ireland."),
    ("p", "Charles Lindbergh flew alone and without stopping from New York to Paris on 20 and "
          "21 May 1927. His flight across the ocean lasted 33 hours."),
    ("fig", portrait((215, 225, 200), "cap", "tie"),
     "Charles Lindbergh in New York in May 1927."),
    ("fig", route_map((70, 170), (560, 140),
                      [[(0, 60), (120, 90), (150, 260), (0, 330)],
                       [(520, 40), (640, 30), (640, 300), (500, 260)]]),
     "A map of the route Charles Lindbergh flew from New York to Paris in 1927."),
    ("p", "Amelia Earhart became the first woman to fly alone across the Atlantic Ocean in May "
          "1932. She took off from Newfoundland and landed in a field near Londonderry in "
          "Northern Ireland after almost 15 hours."),
    ("fig", portrait((235, 210, 215), "cap", "scarf"),
     "Amelia Earhart in Northern Ireland in May 1932."),
]


def build() -> bytes:
    document = Document()
    document.core_properties.title = "Early aviation"
    document.add_paragraph("Early aviation", style="Title")
    for kind, *rest in TEXT:
        if kind == "h":
            document.add_heading(rest[0], level=1)
        elif kind == "p":
            document.add_paragraph(rest[0])
        else:
            data, caption = rest
            document.add_picture(io.BytesIO(data), width=Inches(4))
            document.add_paragraph(caption, style="Caption")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
