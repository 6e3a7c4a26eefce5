#!/usr/bin/python3
"""JPEG oracle: pixelpipe_native's libjpeg-turbo decoder (src/codec/jpeg_decode.cpp) against
Pillow 9.4, which links Debian's libjpeg62-turbo 2.1.5, the same library version: both use the
accurate integer IDCT and fancy upsampling, so the decodes are expected to be identical.

    test_jpeg_oracle.py --cli build/host/src/pixelpipe_native --testdata ../shared/testdata

Groups:
  * full decode of every JPEG in photos/, formats/ and formats/exif_orientation/ vs Pillow +
    ImageOps.exif_transpose: exact (max |diff| 0) for YCbCr/gray; CMYK/YCCK vs Pillow's naive
    CMYK→RGB (no ICC) within 1 (Pillow rounds (255−c)(255−k)/255 as 255−k−c(255−k)/255);
  * shrink-on-load (--shrink 2/4/8) vs Pillow's Image.draft (DCT scaling in the same library):
    same size (each side rounded up) and exact pixels;
  * thumbnail: a 300×300 'inside' Lanczos3 resize from a shrunk decode vs the same resize from a
    full decode: SSIM >= 0.98 (skimage.metrics.structural_similarity on 8-bit RGB) and within the
    resize oracle's tolerance of Pillow (full decode → LANCZOS, reducing_gap 2): mean |diff| <= 1.5;
  * malformed JPEGs: truncated files are refused with DECODE_FAILED (libjpeg would pad them with
    grey), the rest exit 0 or 2 with a typed error, never a crash.
"""
import math
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_common import Checks, read_ppraw  # noqa: E402

from PIL import Image, ImageOps  # noqa: E402
from skimage.metrics import structural_similarity  # noqa: E402

checks = Checks(name_width=58)

CMYK_MAX = 1
SHRINKS = (2, 4, 8)
# Measured (3 photos, 1/4 and 1/8): SSIM 0.9972-0.9987 against the full-decode thumbnail, mean
# |diff| 0.27-0.81 against Pillow's; the bounds are the brief's SSIM 0.98 and about 2x the worst mean.
THUMB_SSIM = 0.98
THUMB_MEAN_VS_PILLOW = 1.5
# Valid files refused by design (Pillow's libjpeg has arithmetic decoding; ours is built without
# it, cmake/debian_source.cmake: no browser decodes arithmetic-coded JPEG).
REFUSED = {"formats/jpeg_arithmetic_sof9.jpg": "arithmetic-coded"}
TRUNCATED = ("truncated_baseline_10000B.jpg", "truncated_progressive.jpg", "truncated_in_headers.jpg")


def jpegs(testdata):
    out = []
    for sub in ("photos", "formats", "formats/exif_orientation"):
        for name in sorted(os.listdir(os.path.join(testdata, sub))):
            path = os.path.join(testdata, sub, name)
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                if f.read(3) != b"\xff\xd8\xff":
                    continue
            out.append(f"{sub}/{name}")
    return out


def decodable(path):
    """Pillow can decode it (12-bit and arithmetic-coded files are refused by both)."""
    try:
        with Image.open(path) as im:
            im.load()
        return True
    except Exception:
        return False


def run(cli, path, out, *extra):
    # The decoder itself, as Pillow decodes: pixels as stored, no colour management (test_icc_oracle.py).
    p = subprocess.run([cli, "run", path, out, "--color-management", "ignore", *extra], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stderr.strip()


def ours(cli, path, tmp, *extra):
    out = os.path.join(tmp, "jpeg.ppraw")
    rc, err = run(cli, path, out, *extra)
    if rc != 0:
        raise RuntimeError(f"CLI exit {rc}: {err}")
    return read_ppraw(out)


def pillow_rgb(path, shrink=1):
    im = Image.open(path)
    if shrink > 1:
        im.draft(im.mode, (im.size[0] // shrink, im.size[1] // shrink))
    cmyk = im.mode == "CMYK"
    im = ImageOps.exif_transpose(im)
    return np.asarray(im.convert("RGB")), cmyk


def compare_rgb(name, got, want, max_tol):
    if got.shape[:2] != want.shape[:2]:
        checks.report(name, False, f"size {got.shape[1]}x{got.shape[0]} != Pillow {want.shape[1]}x{want.shape[0]}")
        return
    d = np.abs(got[:, :, :3].astype(np.int16) - want.astype(np.int16))
    alpha_ok = bool((got[:, :, 3] == 255).all())
    ok = int(d.max()) <= max_tol and alpha_ok
    checks.report(name, ok, f"{got.shape[1]}x{got.shape[0]} max {int(d.max())} (<= {max_tol}), "
                            f"{int(np.count_nonzero(d))} differing samples, alpha 255: {alpha_ok}")


def test_full_decode(cli, testdata, tmp):
    for rel in jpegs(testdata):
        path = os.path.join(testdata, rel)
        if not decodable(path) or rel in REFUSED:
            rc, err = run(cli, path, os.path.join(tmp, "x.ppraw"))
            ok = rc == 2 and "ERROR DECODE_FAILED" in err and REFUSED.get(rel, "") in err
            checks.report(f"refused {rel}", ok, err.splitlines()[-1] if err else f"exit {rc}")
            continue
        want, cmyk = pillow_rgb(path)
        compare_rgb(f"decode {rel}", ours(cli, path, tmp), want, CMYK_MAX if cmyk else 0)


def test_shrink_on_load(cli, testdata, tmp):
    for rel in jpegs(testdata):
        path = os.path.join(testdata, rel)
        if not decodable(path) or rel in REFUSED or (rel.startswith("photos/") and "Kleiber" not in rel and "seeding" not in rel):
            continue  # every format variant, and one baseline + one progressive photo
        for s in SHRINKS:
            with Image.open(path) as im:
                w, h = im.size
            if w // s == 0 or h // s == 0:
                continue
            want, cmyk = pillow_rgb(path, s)
            stored = (math.ceil(w / s), math.ceil(h / s))
            got = ours(cli, path, tmp, "--shrink", str(s))
            upright = (got.shape[1], got.shape[0])
            if upright != stored and upright != stored[::-1]:
                checks.report(f"shrink {s} {rel}", False, f"size {upright} is not ceil(full / {s}) = {stored}")
                continue
            compare_rgb(f"shrink {s} {rel}", got, want, CMYK_MAX if cmyk else 0)


def test_thumbnail(cli, testdata, tmp):
    step = "resize:width=300,height=300,fit=inside"
    for name in ("Kleiber_by_Lukas_Baubkus.jpg", "seeding_by_Clements_Engelhardt.jpg", "LadyBird.jpg"):
        path = os.path.join(testdata, "photos", name)
        with Image.open(path) as im:
            w, h = im.size
        # The factor the JS layer picks (js/worker/shrink-on-load.js): largest s with ceil(side / s)
        # >= 2 x the 300 px target on the longer side.
        s = max(f for f in (1, 2, 4, 8) if math.ceil(max(w, h) / f) >= 600)
        full = ours(cli, path, tmp, step)
        shrunk = ours(cli, path, tmp, "--shrink", str(s), step)
        if full.shape != shrunk.shape:
            checks.report(f"thumbnail 1/{s} {name}", False, f"size {shrunk.shape} != full-decode thumbnail {full.shape}")
            continue
        ssim = structural_similarity(full[:, :, :3], shrunk[:, :, :3], channel_axis=2, data_range=255)
        checks.report(f"thumbnail 1/{s} vs full decode, SSIM {name}", ssim >= THUMB_SSIM, f"SSIM {ssim:.4f} (>= {THUMB_SSIM})")
        pil = np.asarray(Image.open(path).convert("RGB").resize((full.shape[1], full.shape[0]), Image.LANCZOS, reducing_gap=2.0))
        mean = float(np.abs(shrunk[:, :, :3].astype(np.float64) - pil).mean())
        checks.report(f"thumbnail 1/{s} vs Pillow LANCZOS {name}", mean <= THUMB_MEAN_VS_PILLOW,
                      f"mean |diff| {mean:.3f} (<= {THUMB_MEAN_VS_PILLOW})")


def test_malformed(cli, testdata, tmp):
    folder = os.path.join(testdata, "malformed")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".jpg"):
            continue
        rc, err = run(cli, os.path.join(folder, name), os.path.join(tmp, "m.ppraw"))
        last = err.splitlines()[-1] if err else f"exit {rc}"
        if name in TRUNCATED:
            checks.report(f"truncated refused {name}", rc == 2 and "ERROR DECODE_FAILED" in err, last)
        elif name == "bomb_jpeg_20000x14000_valid.jpg":
            checks.report(f"bomb refused {name}", rc == 2 and "ERROR IMAGE_TOO_LARGE" in err, last)
        else:
            checks.report(f"typed or decoded {name}", rc == 0 or (rc == 2 and "ERROR " in err), last)


if __name__ == "__main__":
    sys.exit(checks.main([test_full_decode, test_shrink_on_load, test_thumbnail, test_malformed], "pp-jpeg-"))
