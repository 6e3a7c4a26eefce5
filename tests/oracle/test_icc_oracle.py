#!/usr/bin/python3
"""Colour-management oracle: pixelpipe_native's decode with `--color-management convert` (the
default) against Pillow's ImageCms (Little CMS 2.14, Debian python3-pil 9.4) — an independent
implementation of the same ICC conversions.

Run with Debian's /usr/bin/python3:
    test_icc_oracle.py --cli build/host/src/pixelpipe_native --testdata ../shared/testdata

Profiles: Debian's libgs-common (/usr/share/color/icc/ghostscript): a98.icc (Adobe RGB 1998
compatible, matrix/TRC), rommrgb.icc (ROMM = ProPhoto, matrix/TRC, gamma 1.8), sgray.icc (gray
TRC), esrgb.icc (LUT-based RGB: the Little CMS path). A photo from testdata is converted by Pillow
from sRGB into each space with the profile embedded (PNG iCCP; JPEG APP2), then
  * pixelpipe's decoded sRGB vs Pillow's conversion of the same stored pixels back to sRGB: within
    ±3 levels on every sample (p99 <= 2); for JPEGs also the whole decode vs Pillow's decode +
    ImageCms: 99 % of samples within ±3;
  * `--color-management ignore` returns the stored (non-sRGB) pixels, bit-exact for PNG;
  * a truncated profile and a profile with a bogus tag table decode, unchanged, with a WARNING;
  * every file in testdata with an embedded profile decodes; those whose profile is sRGB decode to
    exactly the 'ignore' pixels (sRGB costs nothing and changes nothing).
Intent: relative colorimetric for matrix/TRC profiles, perceptual where the profile has A2B0.
"""
import glob
import io
import os
import struct
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_common import Checks, photo_path, read_ppraw  # noqa: E402

from PIL import Image, ImageCms  # noqa: E402

GS = "/usr/share/color/icc/ghostscript"
PHOTO = "kodim23.png"
INTENT_PERCEPTUAL, INTENT_RELATIVE = 0, 1

checks = Checks(46)


def decode(cli, tmp, data, tag, mode="convert"):
    src, dst = os.path.join(tmp, tag + ".img"), os.path.join(tmp, tag + ".ppraw")
    with open(src, "wb") as f:
        f.write(data)
    p = subprocess.run([cli, "run", src, dst, "--color-management", mode], capture_output=True, text=True, timeout=30)
    if p.returncode != 0:
        raise RuntimeError(f"CLI exit {p.returncode}: {p.stderr.strip()}")
    return read_ppraw(dst), p.stderr


def srgb():
    return ImageCms.createProfile("sRGB")


def encode(img, fmt, icc):
    buf = io.BytesIO()
    if fmt == "JPEG":
        img.save(buf, "JPEG", quality=95, icc_profile=icc)
    else:
        img.save(buf, "PNG", icc_profile=icc)
    return buf.getvalue()


def rgb_spaces(cli, testdata, tmp):
    photo = Image.open(photo_path(testdata, PHOTO)).convert("RGB")
    for name, intent in (("a98.icc", INTENT_RELATIVE), ("rommrgb.icc", INTENT_RELATIVE), ("esrgb.icc", INTENT_PERCEPTUAL)):
        path = os.path.join(GS, name)
        prof = ImageCms.getOpenProfile(path)
        icc = open(path, "rb").read()
        stored = ImageCms.profileToProfile(photo, srgb(), prof, renderingIntent=INTENT_RELATIVE, outputMode="RGB")
        for fmt in ("PNG", "JPEG"):
            data = encode(stored, fmt, icc)
            got, _ = decode(cli, tmp, data, f"{name}-{fmt}")
            raw, _ = decode(cli, tmp, data, f"{name}-{fmt}-ignore", "ignore")
            # ImageCms converts the very pixels pixelpipe decoded ('ignore'), so the JPEG decoders'
            # own differences (stb vs libjpeg-turbo, which a gamma-1.8 space amplifies to 19
            # levels in deep shadows) stay out of a comparison of the colour conversion.
            source = Image.fromarray(np.ascontiguousarray(raw[..., :3]))
            want = np.asarray(ImageCms.profileToProfile(source, prof, srgb(), renderingIntent=intent, outputMode="RGB"))
            checks.check_close(f"{name} {fmt} -> sRGB vs ImageCms", got[..., :3], want, 3, 0.5, p99_tol=2)
            if fmt == "PNG":
                checks.check_close(f"{name} {fmt} ignore = stored", raw[..., :3], np.asarray(stored), 0, 0)
            else:
                # and the whole decode against Pillow's (libjpeg-turbo) decode + ImageCms, 99 % within ±3
                pil = np.asarray(ImageCms.profileToProfile(Image.open(io.BytesIO(data)), prof, srgb(), renderingIntent=intent,
                                                           outputMode="RGB"))
                share = (np.abs(got[..., :3].astype(int) - pil.astype(int)) <= 3).mean()
                checks.report(f"{name} {fmt} whole decode vs Pillow+ImageCms", share >= 0.99, f"{share * 100:.2f} % within ±3 (>= 99 %)")
        # The conversion is not a no-op (guards against a test that cannot fail).
        diff = np.abs(np.asarray(stored).astype(int) - np.asarray(photo).astype(int)).mean()
        checks.report(f"{name} differs from sRGB", diff > 1.0, f"mean |stored - sRGB| {diff:.2f} > 1")


def cmyk(cli, testdata, tmp):
    """CMYK JPEGs (Adobe APP14, YCCK or plain CMYK, inverted as Photoshop writes them) through their
    embedded profile: vs Pillow's decode + ImageCms (perceptual), 99 % of samples within ±3."""
    photo = Image.open(photo_path(testdata, PHOTO)).convert("RGB")
    ps_cmyk = os.path.join(GS, "default_cmyk.icc")
    made = ImageCms.profileToProfile(photo, srgb(), ImageCms.getOpenProfile(ps_cmyk), renderingIntent=INTENT_PERCEPTUAL,
                                     outputMode="CMYK")
    buf = io.BytesIO()
    made.save(buf, "JPEG", quality=95, icc_profile=open(ps_cmyk, "rb").read())
    cases = [("kodim23 -> default_cmyk.icc (Pillow, CMYK)", buf.getvalue()),
             ("formats/jpeg_ycck_adobe_icc_restart.jpg (YCCK)", open(os.path.join(testdata, "formats", "jpeg_ycck_adobe_icc_restart.jpg"), "rb").read())]
    for name, data in cases:
        got, _ = decode(cli, tmp, data, "cmyk")
        naive, _ = decode(cli, tmp, data, "cmyk-ignore", "ignore")
        src = Image.open(io.BytesIO(data))
        prof = ImageCms.ImageCmsProfile(io.BytesIO(src.info["icc_profile"]))
        want = np.asarray(ImageCms.profileToProfile(src, prof, srgb(), renderingIntent=INTENT_PERCEPTUAL, outputMode="RGB"))
        share = (np.abs(got[..., :3].astype(int) - want.astype(int)) <= 3).mean()
        checks.report(f"{name} -> sRGB vs Pillow+ImageCms", share >= 0.99, f"{share * 100:.2f} % within ±3 (>= 99 %)")
        # The profile matters here (guards against a test that cannot fail): the naive rule is far off.
        off = np.abs(naive[..., :3].astype(int) - want.astype(int)).mean()
        checks.report(f"{name}: the naive rule ('ignore') differs", off > 3, f"mean |naive - ImageCms| {off:.2f} > 3")


def gray(cli, testdata, tmp):
    path = os.path.join(GS, "sgray.icc")
    icc = open(path, "rb").read()
    photo = Image.open(photo_path(testdata, PHOTO)).convert("L")
    data = encode(photo, "PNG", icc)
    got, _ = decode(cli, tmp, data, "gray")
    want = np.asarray(ImageCms.profileToProfile(Image.open(io.BytesIO(data)), ImageCms.getOpenProfile(path), srgb(),
                                                renderingIntent=INTENT_RELATIVE, outputMode="RGB"))
    checks.check_close("sgray.icc PNG -> sRGB vs ImageCms", got[..., :3], want, 3, 0.5, p99_tol=2)


def damaged(cli, testdata, tmp):
    icc = bytearray(open(os.path.join(GS, "a98.icc"), "rb").read())
    photo = Image.open(photo_path(testdata, PHOTO)).convert("RGB")
    truncated = bytes(icc[:300])  # header still says 564 bytes
    bogus = bytearray(icc)
    bogus[128:132] = struct.pack(">I", 0x7FFFFFFF)  # tag count far past the end
    wild = bytearray(icc)
    wild[136:140] = struct.pack(">I", 0xFFFFFF00)  # first tag's offset outside the profile
    for tag, prof in (("truncated", truncated), ("bogus tag count", bogus), ("tag offset outside", wild)):
        data = encode(photo, "PNG", bytes(prof))
        got, err = decode(cli, tmp, data, tag.replace(" ", "_"))
        checks.check_close(f"{tag} profile: pixels as stored", got[..., :3], np.asarray(photo), 0, 0)
        checks.report(f"{tag} profile: warning", "WARNING: ICC profile ignored" in err, repr(err.strip()[:90]))


def testdata_files(cli, testdata, tmp):
    files = sorted(glob.glob(os.path.join(testdata, "**", "*.*"), recursive=True))
    n = 0
    for f in files:
        if not f.lower().endswith((".jpg", ".jpeg", ".png", ".webp")) or "/malformed/" in f:
            continue
        try:
            im = Image.open(f)
            icc = im.info.get("icc_profile")
        except Exception:
            continue
        if not icc:
            continue
        data = open(f, "rb").read()
        dst = os.path.join(tmp, "td.ppraw")
        p = subprocess.run([cli, "run", f, dst], capture_output=True, text=True, timeout=30)
        known_fail = subprocess.run([cli, "run", f, dst, "--color-management", "ignore"], capture_output=True).returncode
        rel = os.path.relpath(f, testdata)
        if p.returncode != known_fail:
            checks.report(f"{rel} decodes", False, f"exit {p.returncode} (ignore: {known_fail}): {p.stderr.strip()[:80]}")
            continue
        n += 1
        if p.returncode != 0:
            continue
        got = read_ppraw(dst)
        try:
            is_srgb = "srgb" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).lower()
        except Exception:
            is_srgb = False
        if is_srgb:
            raw, _ = decode(cli, tmp, data, "td-ignore", "ignore")
            checks.check_close(f"{rel} (sRGB profile) unchanged", got, raw, 0, 0)
    checks.report("testdata files with a profile decode", n > 10, f"{n} files, none failed that decodes with 'ignore'")


if __name__ == "__main__":
    sys.exit(checks.main([rgb_spaces, cmyk, gray, damaged, testdata_files], "pp-icc-"))
