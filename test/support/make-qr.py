#!/usr/bin/python3
"""Draws QR-code test images with encoders keyslot did not write: Debian's python3-qrcode for the
code and python3-pil (Pillow) for the picture around it.

Usage: make-qr.py OUT.{png,jpg} SPEC_JSON
SPEC: {"texts": [...], "style": "plain" | "screenshot" | "low-contrast" | "scaled" | "inverted",
       "box": module size in px (default 8), "scale": factor for "scaled", "quality": JPEG quality}
"screenshot" puts the codes on a 1600x1000 window with a title bar, text, buttons and a
photo-like gradient, as Keycloak's "Configure OTP" page or a logon provider's pairing screen would.
"""
import json
import sys

import qrcode
from PIL import Image, ImageDraw, ImageOps


def code_image(text, box, border=4):
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=border)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").convert("L")


def screenshot(codes):
    img = Image.new("L", (1600, 1000), 236)
    d = ImageDraw.Draw(img)
    for x in range(1600):  # a gradient band, like a photo or a wallpaper
        d.line([(x, 880), (x, 1000)], fill=40 + (x * 180) // 1600)
    d.rectangle([0, 0, 1600, 48], fill=60)
    d.text((20, 16), "Configure OTP - Mobile Authenticator Setup", fill=255)
    for i, line in enumerate(["1. Install one of the following applications on your mobile",
                              "2. Open the application and scan the barcode",
                              "3. Enter the one-time code provided by the application"]):
        d.text((60, 100 + 30 * i), line, fill=20)
    for i in range(12):  # small squares and boxes: buttons, icons, form fields
        d.rectangle([60 + 90 * i, 780, 120 + 90 * i, 810], outline=30, width=2)
        d.rectangle([70 + 90 * i, 820, 82 + 90 * i, 832], fill=10)
    x = 300
    for c in codes:
        img.paste(c, (x, 260))
        x += c.size[0] + 80
    return img


def main():
    out, spec = sys.argv[1], json.loads(sys.argv[2])
    style = spec.get("style", "plain")
    codes = [code_image(t, spec.get("box", 8)) for t in spec["texts"]]
    if style == "screenshot":
        img = screenshot(codes)
    else:
        img = codes[0]
    if style == "low-contrast":  # gray on gray: levels 150..190 only
        img = img.point(lambda v: 150 + (v * 40) // 255)
    if style == "inverted":
        img = ImageOps.invert(img)
    if style == "scaled" or "scale" in spec:
        f = spec.get("scale", 0.5)
        img = img.resize((max(1, int(img.size[0] * f)), max(1, int(img.size[1] * f))), Image.BILINEAR)
    img = img.convert("RGB")
    if out.endswith(".jpg"):
        img.save(out, "JPEG", quality=spec.get("quality", 80))
    else:
        img.save(out, "PNG")


main()
