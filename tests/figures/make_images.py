#!/usr/bin/python3
"""make_images.py — the test images of tests/figures/images/ and the damaged ones of tests/bad/images/,
drawn here so that they can be made again (python3-pil; `make` does not run this: the files are in git).

logo.png      the fictitious Gemeente Voorbeeld's logo: an emblem and its name, transparent background
photo.jpg     an RGB JPEG "photo" (a park at dusk, drawn), with a JFIF density of 150 dpi
wijken.png    a palette PNG with a transparent colour (tRNS)
kaart16.png   a 16-bit greyscale PNG
warnings.png  wijken.png with chunks libpng warns about but that harm nothing (a tEXt chunk without a
              keyword, a gAMA of 0): libharu's own PNG loader refuses such a file
bad: cut.png (cut short), crc.png (a flipped byte), text.png (not an image), cmyk.jpg, cut.jpg
and the logo of the example budget's fictitious Gemeente Zetwijk, data/voorbeeld/logo-zetwijk.png."""
import math
import os
import struct
import zlib

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "images")
BAD = os.path.join(HERE, "..", "bad", "images")
FONT = "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"
HUIS, ACCENT = (31, 78, 121), (197, 90, 17)


def logo():
    im = Image.new("RGBA", (720, 240), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((12, 12, 200, 228), radius=40, fill=HUIS + (255,))
    for k in range(3):   # three waves: water, land, water
        y = 90 + 40 * k
        pts = [(30 + x, y + 12 * math.sin(x / 22)) for x in range(0, 152, 4)]
        d.line(pts, fill=(255, 255, 255, 255) if k != 1 else ACCENT + (255,), width=12)
    d.text((236, 38), "Gemeente", font=ImageFont.truetype(FONT, 64), fill=HUIS + (255,))
    d.text((236, 108), "Voorbeeld", font=ImageFont.truetype(FONT, 96), fill=HUIS + (255,))
    im.save(os.path.join(OUT, "logo.png"), dpi=(300, 300))


def zetwijk():
    """A green shield with a blue canal and a yellow sun, and the name: the example budget's logo."""
    green, blue, sun = (46, 110, 64), (40, 92, 160), (240, 190, 40)
    im = Image.new("RGBA", (760, 240), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.polygon([(20, 16), (196, 16), (196, 132), (108, 226), (20, 132)], fill=green + (255,))
    d.ellipse((120, 34, 172, 86), fill=sun + (255,))
    d.polygon([(20, 150), (196, 110), (196, 132), (108, 226), (20, 132)], fill=blue + (255,))
    d.text((224, 40), "Gemeente", font=ImageFont.truetype(FONT, 64), fill=green + (255,))
    d.text((224, 110), "Zetwijk", font=ImageFont.truetype(FONT, 100), fill=green + (255,))
    im.save(os.path.join(HERE, "..", "..", "data", "voorbeeld", "logo-zetwijk.png"), dpi=(300, 300))


def photo():
    w, h = 900, 500
    im = Image.new("RGB", (w, h))
    px = im.load()
    for y in range(h):
        for x in range(w):
            sky = y < 300 - 40 * math.sin(x / 140)
            t = y / h
            px[x, y] = (int(250 - 120 * t), int(170 - 60 * t), int(90 + 100 * t)) if sky else \
                       (int(40 + 30 * math.sin(x / 30)), int(110 - 40 * t), int(50))
    d = ImageDraw.Draw(im)
    for x in (150, 420, 700):   # trees
        d.ellipse((x - 60, 160, x + 60, 300), fill=(30, 80, 40))
        d.rectangle((x - 8, 290, x + 8, 360), fill=(70, 45, 25))
    im.save(os.path.join(OUT, "photo.jpg"), quality=80, dpi=(150, 150))
    return im


def wijken():
    im = Image.new("P", (300, 200), 0)
    im.putpalette([255, 255, 255, 31, 78, 121, 197, 90, 17, 218, 230, 242] + [0] * 756)
    d = ImageDraw.Draw(im)
    d.polygon([(20, 20), (150, 10), (140, 120), (30, 150)], fill=1)
    d.polygon([(150, 10), (280, 40), (260, 180), (140, 120)], fill=3)
    d.polygon([(30, 150), (140, 120), (260, 180), (60, 190)], fill=2)
    im.save(os.path.join(OUT, "wijken.png"), transparency=0)


def warnings():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = open(os.path.join(OUT, "wijken.png"), "rb").read()
    at = 8 + 12 + 13   # after the signature and IHDR
    png = png[:at] + chunk(b"tEXt", b"\x00waarde") + chunk(b"gAMA", struct.pack(">I", 0)) + png[at:]
    open(os.path.join(OUT, "warnings.png"), "wb").write(png)


def kaart16():
    im = Image.new("I;16", (256, 128))
    px = im.load()
    for y in range(128):
        for x in range(256):
            px[x, y] = (x * 256) ^ (y * 64)
    im.save(os.path.join(OUT, "kaart16.png"))


def bad(ph):
    os.makedirs(BAD, exist_ok=True)
    data = open(os.path.join(OUT, "logo.png"), "rb").read()
    open(os.path.join(BAD, "cut.png"), "wb").write(data[: len(data) // 2])
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x40
    open(os.path.join(BAD, "crc.png"), "wb").write(bytes(flipped))
    open(os.path.join(BAD, "text.png"), "w").write("Dit is geen afbeelding maar tekst.\n")
    small = ph.resize((90, 50))
    small.convert("CMYK").save(os.path.join(BAD, "cmyk.jpg"))
    small.save(os.path.join(BAD, "whole.jpg"))
    jpg = open(os.path.join(BAD, "whole.jpg"), "rb").read()
    os.remove(os.path.join(BAD, "whole.jpg"))
    open(os.path.join(BAD, "cut.jpg"), "wb").write(jpg[: len(jpg) * 2 // 3])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    logo()
    zetwijk()
    ph = photo()
    wijken()
    warnings()
    kaart16()
    bad(ph)
