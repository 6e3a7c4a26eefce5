#!/usr/bin/python3
"""Oracle test, analyzeImage (issue 8): `pixelpipe_native analyze` against numpy, Pillow and OpenCV
with js-api.md's definitions, on every photo in testdata/photos scaled to about 1 MP, plus
controlled degradations and synthetic compositions whose answer is known by construction.
Run with Debian's python3: /usr/bin/python3 test_analysis_oracle.py --cli PATH --testdata DIR"""
import json
import math
import os
import struct
import subprocess
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_common import Checks, write_ppraw  # noqa: E402

CHECKS = Checks(name_width=70)

# Known deviations from the criteria, each with its measured reason. Such a check prints
# KNOWN instead of FAIL; if it starts to pass it FAILS, so the list cannot go stale.
KNOWN = {  # none at present
}


def report(name, ok, detail):
    if name in KNOWN:
        if ok:
            CHECKS.report(name, False, "listed in KNOWN but passes now: remove it from KNOWN. " + detail)
        else:
            print(f"KNOWN {name:70s} {detail}", flush=True)
        return
    CHECKS.report(name, ok, detail)


# --- helpers ---------------------------------------------------------------------------------
def analyze(cli, path, types, *extra):
    proc = subprocess.run([cli, "analyze", path, "--types", ",".join(types), *extra], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"CLI exit {proc.returncode}: {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def analyze_rgb(cli, tmp, rgb, types, tag="a", *extra):
    path = os.path.join(tmp, f"{tag}.ppraw")
    write_ppraw(path, rgb)
    return analyze(cli, path, types, *extra)


def luma8(rgb):
    """js-api.md's luma, rounded half up: exactly round(0.2126 R + 0.7152 G + 0.0722 B)."""
    r, g, b = (rgb[..., i].astype(np.int64) for i in range(3))
    return ((2126 * r + 7152 * g + 722 * b + 5000) // 10000).astype(np.uint8)


def photos_1mp(testdata):
    """Every photo, area-downscaled to about 1 MP when larger (smaller ones as they are)."""
    folder = os.path.join(testdata, "photos")
    for name in sorted(os.listdir(folder)):
        rgb = np.asarray(Image.open(os.path.join(folder, name)).convert("RGB"))
        h, w = rgb.shape[:2]
        if w * h > 1.2e6:
            s = math.sqrt(1e6 / (w * h))
            rgb = cv2.resize(rgb, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
        yield name, np.ascontiguousarray(rgb)


def srgb_to_linear(v):
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(v):
    return np.where(v <= 0.0031308, v * 12.92, 1.055 * np.power(np.maximum(v, 0), 1 / 2.4) - 0.055)


def exposure_shift(rgb, stops):
    lin = srgb_to_linear(rgb / 255.0) * 2.0 ** stops
    return np.clip(np.round(linear_to_srgb(np.clip(lin, 0, 1)) * 255), 0, 255).astype(np.uint8)


def add_noise(rgb, sigma, seed):
    """Monochrome gaussian noise: the same sample in R, G and B, so the luma noise is sigma."""
    rng = np.random.default_rng(seed)
    n = rng.normal(0, sigma, rgb.shape[:2])[..., None]
    return np.clip(np.round(rgb + n), 0, 255).astype(np.uint8)


def immerkaer_sigma(y):
    n = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float64)
    conv = cv2.filter2D(y.astype(np.float64), -1, n, borderType=cv2.BORDER_REPLICATE)[1:-1, 1:-1]
    h, w = y.shape
    return math.sqrt((conv * conv).sum() / (36 * (w - 2) * (h - 2)))


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-12)


# --- raw measures against independent implementations ----------------------------------------
def test_raw_measures(cli, testdata, tmp):
    for name, rgb in photos_1mp(testdata):
        r = analyze_rgb(cli, tmp, rgb, ["quality", "histogram", "stats", "colors"])
        y = luma8(rgb)
        pil = Image.fromarray(rgb).histogram()  # 768 counts: r, g, b
        hist = r["histogram"]
        exact = all(hist[c] == pil[256 * i:256 * (i + 1)] for i, c in enumerate("rgb"))
        exact = exact and hist["luma"] == np.bincount(y.ravel(), minlength=256).tolist()
        exact = exact and r["colors"]["histogram"]["luma"] == hist["luma"]
        report(f"{name}: r, g, b histograms == Pillow, luma == numpy", exact, f"{rgb.shape[1]}x{rgb.shape[0]}")

        ch = r["stats"]["channels"]
        want = [(int(rgb[..., i].min()), int(rgb[..., i].max()), rgb[..., i].mean(), rgb[..., i].std()) for i in range(3)]
        ok = all(c["min"] == w[0] and c["max"] == w[1] and rel(c["mean"], w[2]) < 1e-5 and rel(c["stdev"], w[3]) < 1e-5
                 for c, w in zip(ch, want))
        report(f"{name}: stats min/max/mean/stdev == numpy", ok, "")

        q = r["quality"]
        lap = cv2.Laplacian(y, cv2.CV_64F, ksize=1)[1:-1, 1:-1]  # ksize 1 = [0 1 0; 1 -4 1; 0 1 0]
        p = np.bincount(y.ravel(), minlength=256) / y.size
        ent = -(p[p > 0] * np.log2(p[p > 0])).sum()
        report(f"{name}: Laplacian sigma within 1 % of cv2.Laplacian",
               rel(q["sharpness"]["value"], lap.std()) < 0.01, f"{q['sharpness']['value']:.4f} vs {lap.std():.4f}")
        report(f"{name}: entropy within 1 % of numpy", rel(q["entropy"]["value"], ent) < 0.01,
               f"{q['entropy']['value']:.5f} vs {ent:.5f}")
        nz = immerkaer_sigma(y)
        report(f"{name}: Immerkaer sigma within 1 % of numpy", rel(q["noise"]["value"], nz) < 0.01,
               f"{q['noise']['value']:.4f} vs {nz:.4f}")
        burnt = max(float((rgb[..., i] >= 253).mean()) for i in range(3))
        report(f"{name}: clippedChannels = max share of R, G or B >= 253",
               abs(q["exposure"]["clippedChannels"] - burnt) < 1e-9, f"{q['exposure']['clippedChannels']:.6f} vs {burnt:.6f}")
        report(f"{name}: exposure = mean luma, contrast = RMS luma",
               rel(q["exposure"]["value"], y.mean()) < 1e-6 and rel(q["contrast"]["value"], y.std()) < 1e-6,
               f"{q['exposure']['value']:.3f} vs {y.mean():.3f}")


# --- controlled degradations -----------------------------------------------------------------
def test_degradations(cli, testdata, tmp):
    pairs_total = pairs_ok = 0
    for idx, (name, rgb) in enumerate(photos_1mp(testdata)):
        types = ["quality"]
        base = analyze_rgb(cli, tmp, rgb, types)["quality"]

        sharp = [analyze_rgb(cli, tmp, cv2.GaussianBlur(rgb, (0, 0), s), types)["quality"] for s in (0.5, 1, 2, 4, 8)]
        vals = [base["sharpness"]["value"]] + [q["sharpness"]["value"] for q in sharp]
        report(f"{name}: blur sigma 0.5..8 strictly lowers sharpness", all(a > b for a, b in zip(vals, vals[1:])),
               " > ".join(f"{v:.2f}" for v in vals))

        # The measure is luma noise in 8-bit levels, so the noise is monochrome (luma sigma = s).
        # Clipping to 0..255 removes part of it in dark and bright areas: the truth is the
        # standard deviation of (noisy luma - clean luma) as actually added, computed here.
        clean = base["noise"]["value"]
        errs = []
        noisy = []
        for s in (5, 10, 20, 30):
            noisy_rgb = add_noise(rgb, s, 100 * idx + s)
            added = (luma8(noisy_rgb).astype(np.float64) - luma8(rgb)).std()
            q = analyze_rgb(cli, tmp, noisy_rgb, types)["quality"]
            noisy.append(q)
            est = math.sqrt(max(0.0, q["noise"]["value"] ** 2 - clean ** 2))
            errs.append(est / added - 1)
        report(f"{name}: added noise sigma 5..30 estimated within 20 %", max(abs(e) for e in errs) <= 0.20,
               "errors " + ", ".join(f"{100 * e:+.1f}%" for e in errs) + f" (clean {clean:.2f})")

        up = analyze_rgb(cli, tmp, exposure_shift(rgb, 1.5), types)["quality"]
        down = analyze_rgb(cli, tmp, exposure_shift(rgb, -1.5), types)["quality"]
        moved = up["exposure"]["value"] > base["exposure"]["value"] > down["exposure"]["value"]
        lower = up["overallScore"] < base["overallScore"] and down["overallScore"] < base["overallScore"]
        report(f"{name}: +-1.5 stops moves exposure the right way", moved,
               f"{down['exposure']['value']:.1f} < {base['exposure']['value']:.1f} < {up['exposure']['value']:.1f}")
        report(f"{name}: +-1.5 stops lowers overallScore", lower,
               f"down {down['overallScore']:.3f}, base {base['overallScore']:.3f}, up {up['overallScore']:.3f}")

        # JPEG recompression: blockiness rises as quality falls.
        jq = []
        for quality in (95, 75, 50, 25, 10):
            path = os.path.join(tmp, f"q{quality}.jpg")
            Image.fromarray(rgb).save(path, quality=quality)
            jq.append(analyze(cli, path, types)["quality"])
        blk = [q["jpegBlockiness"]["value"] for q in jq]
        report(f"{name}: JPEG quality 95 > 75 > 50 > 25 > 10 raises jpegBlockiness",
               all(a < b for a, b in zip(blk, blk[1:])), " < ".join(f"{v:.3f}" for v in blk))

        degraded = sharp[1:] + noisy + [up, down]
        pairs = [(base["overallScore"], d["overallScore"]) for d in degraded]
        pairs += [(jq[0]["overallScore"], d["overallScore"]) for d in jq[2:]]
        pairs_total += len(pairs)
        pairs_ok += sum(a > b for a, b in pairs)
    share = pairs_ok / max(1, pairs_total)
    report("original outranks its degraded copy in >= 95 % of pairs", share >= 0.95,
           f"{pairs_ok}/{pairs_total} = {100 * share:.1f} %")


# --- saliency and composition ----------------------------------------------------------------
def read_saliency(path):
    data = open(path, "rb").read()
    assert data[:8] == b"PPSAL001"
    w, h = struct.unpack_from("<II", data, 8)
    small = np.frombuffer(data, np.uint8, w * h, 16).reshape(h, w)
    sal = np.frombuffer(data, np.float32, w * h, 16 + w * h).reshape(h, w)
    return small, sal


def test_saliency_vs_opencv(cli, testdata, tmp):
    for name, rgb in photos_1mp(testdata):
        path = os.path.join(tmp, "s.ppraw")
        write_ppraw(path, rgb)
        out = os.path.join(tmp, "s.sal")
        analyze(cli, path, ["composition"], "--saliency-out", out)
        small, ours = read_saliency(out)
        sr = cv2.saliency.StaticSaliencySpectralResidual_create()
        sr.setImageWidth(small.shape[1])
        sr.setImageHeight(small.shape[0])
        ok, cv = sr.computeSaliency(small)
        r = np.corrcoef(ours.ravel(), cv.ravel())[0, 1]
        report(f"{name}: saliency Pearson vs cv2 spectral residual >= 0.8", ok and r >= 0.8,
               f"r = {r:.4f} on {small.shape[1]}x{small.shape[0]}")


def box_mean_centred(y, factor):
    """js-api.md's box-downscaled copy: factor x factor blocks centred in the plane (the remainder
    dropped on both sides alike), each the mean of its luma rounded half up."""
    h, w = y.shape
    oh, ow = h // factor, w // factor
    oy, ox = (h - oh * factor) // 2, (w - ow * factor) // 2
    blocks = y[oy:oy + oh * factor, ox:ox + ow * factor].astype(np.int64).reshape(oh, factor, ow, factor)
    n = factor * factor
    return ((blocks.sum(axis=(1, 3)) + n // 2) // n).astype(np.uint8)


def test_downscaled_copies(cli, testdata, tmp):
    """Above 4 MP quality runs on a box-downscaled copy, and saliency always does: both copies
    against numpy's block means of the luma (a crop whose sides leave remainders, so the centring
    is checked too)."""
    rgb = np.asarray(Image.open(os.path.join(testdata, "photos", "Kleiber_by_Lukas_Baubkus.jpg")).convert("RGB"))
    rgb = np.ascontiguousarray(rgb[100:100 + 1803, 200:200 + 2605])  # 4.7 MP
    path = os.path.join(tmp, "big.ppraw")
    write_ppraw(path, rgb)
    out = os.path.join(tmp, "big.sal")
    r = analyze(cli, path, ["quality", "composition"], "--saliency-out", out)
    y = luma8(rgb)
    factor = math.ceil(math.sqrt(y.size / 4e6))
    q_copy = box_mean_centred(y, factor)
    q = r["quality"]
    lap = cv2.Laplacian(q_copy, cv2.CV_64F, ksize=1)[1:-1, 1:-1]
    report("quality copy of a 4.7 MP image: size and mean == numpy block means",
           (q["analyzedWidth"], q["analyzedHeight"]) == (q_copy.shape[1], q_copy.shape[0])
           and rel(q["exposure"]["value"], q_copy.mean()) < 1e-9,
           f"{q['analyzedWidth']}x{q['analyzedHeight']}, mean {q['exposure']['value']:.4f} vs {q_copy.mean():.4f}")
    report("quality copy of a 4.7 MP image: Laplacian sigma within 1 % of cv2",
           rel(q["sharpness"]["value"], lap.std()) < 0.01, f"{q['sharpness']['value']:.4f} vs {lap.std():.4f}")
    small, _ = read_saliency(out)
    want = box_mean_centred(y, math.ceil(max(y.shape) / 64))
    report("saliency copy of a 4.7 MP image == numpy block means", small.shape == want.shape and (small == want).all(),
           f"{small.shape} vs {want.shape}")


def textured_background(w, h, seed, blur=6):
    rng = np.random.default_rng(seed)
    noise = cv2.GaussianBlur(rng.normal(0, 1, (h, w)), (0, 0), blur)
    base = 110 + 25 * noise / noise.std()
    return np.clip(np.dstack([base * 0.9, base, base * 1.1]), 0, 255)


def place_subject(img, cx, cy, radius):
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    mask = (xx - cx) ** 2 + (yy - cy) ** 2 <= radius ** 2
    out = img.copy()
    out[mask] = (230, 60, 40)
    return np.clip(out, 0, 255).astype(np.uint8)


def test_rule_of_thirds_and_symmetry(cli, testdata, tmp):
    w, h = 960, 640
    # A smooth background (features larger than the 64 px map's cells) and one red disc.
    bg = textured_background(w, h, 1, blur=60)
    thirds = place_subject(bg, w / 3, h / 3, 50)
    centred = place_subject(bg, w / 2, h / 2, 50)
    a = analyze_rgb(cli, tmp, thirds, ["composition"])["composition"]
    b = analyze_rgb(cli, tmp, centred, ["composition"])["composition"]
    report("subject on a thirds intersection scores higher ruleOfThirds than centred",
           a["ruleOfThirds"] > b["ruleOfThirds"], f"{a['ruleOfThirds']:.3f} > {b['ruleOfThirds']:.3f}")
    c = a["subject"]["centroid"]
    report("subject centroid near the placed subject (within 8 % of the width)",
           math.hypot(c["x"] - w / 3, c["y"] - h / 3) < 0.08 * w, f"({c['x']:.0f}, {c['y']:.0f}) vs ({w / 3:.0f}, {h / 3:.0f})")
    for name, rgb in list(photos_1mp(testdata))[:6]:
        s = analyze_rgb(cli, tmp, rgb, ["composition"])["composition"]
        m = analyze_rgb(cli, tmp, np.ascontiguousarray(rgb[:, ::-1]), ["composition"])["composition"]
        d = max(abs(s[k] - m[k]) for k in ("symmetry", "symmetryHorizontal", "symmetryVertical"))
        report(f"{name}: mirrored image has equal symmetry (within 0.02)", d <= 0.02,
               f"{s['symmetry']:.4f} vs {m['symmetry']:.4f}")


def test_horizon(cli, testdata, tmp):
    w, h = 1200, 800
    rng = np.random.default_rng(5)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    for deg in (-8.0, -3.0, 0.0, 2.5, 6.0, 12.0):
        t = math.tan(math.radians(deg))
        # Counter-clockwise positive: the line rises to the right (image y grows downwards).
        line = h / 2 - t * (xx - w / 2)
        sky = np.dstack([150 + 0.05 * yy, 190 + 0.03 * yy, 235 + 0 * yy])
        ground = np.dstack([70 + 0 * yy, 90 + 0.02 * yy, 50 + 0 * yy])
        img = np.where((yy < line)[..., None], sky, ground) + rng.normal(0, 4, (h, w, 3))
        img = np.clip(img, 0, 255).astype(np.uint8)
        tilt = analyze_rgb(cli, tmp, img, ["composition"])["composition"]["horizonTilt"]
        report(f"horizon tilted {deg:+.1f} deg measured within 1 deg", tilt is not None and abs(tilt - deg) <= 1.0,
               f"measured {tilt}")
    flat = np.clip(textured_background(800, 600, 3), 0, 255).astype(np.uint8)
    tilt = analyze_rgb(cli, tmp, flat, ["composition"])["composition"]["horizonTilt"]
    report("no straight edge: horizonTilt is null", tilt is None, f"got {tilt}")


# Fields that may be null by definition; every other value must be a finite number or a string.
NULLABLE = {"horizonTilt", "jpegBlockiness", "dominant", "average"}


def all_finite(v, key=None):
    if v is None:
        return key in NULLABLE
    if isinstance(v, dict):
        return all(all_finite(x, k) for k, x in v.items())
    if isinstance(v, list):
        return all(all_finite(x, key) for x in v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return math.isfinite(v)
    return True


def test_degenerate_images(cli, testdata, tmp):
    for label, rgba in (("all white", np.full((50, 70, 4), 255, np.uint8)),
                        ("single colour", np.dstack([np.full((40, 40, 3), (20, 120, 200), np.uint8),
                                                     np.full((40, 40), 255, np.uint8)])),
                        ("fully transparent", np.zeros((30, 30, 4), np.uint8)),
                        ("1x1", np.array([[[10, 20, 30, 255]]], np.uint8))):
        path = os.path.join(tmp, "d.ppraw")
        write_ppraw(path, rgba)
        proc = subprocess.run([cli, "analyze", path, "--types", "colors,composition,quality,histogram,stats,smartCrop"],
                              capture_output=True, text=True)
        ok = proc.returncode == 0
        if ok:
            r = json.loads(proc.stdout, parse_constant=lambda c: float("nan"))
            ok = all_finite(r)
            if label == "all white":
                ok = r["colors"]["dominant"]["hex"] == "#ffffff" and r["colors"]["dominant"]["name"] == "white"
            if label == "fully transparent":
                ok = r["colors"]["dominant"] is None and r["colors"]["palette"] == []
        report(f"{label}: every type answers, no NaN", ok, proc.stderr.strip()[:120])


# --- metadata (codec/metadata.h) against Pillow -----------------------------------------------
def pillow_metadata(path):
    from PIL import ImageCms
    import io
    im = Image.open(path)
    raw = open(path, "rb").read(32)
    # Pillow hands 16-bit RGB PNGs out as 8-bit RGB: the IHDR byte says what is stored.
    bits = raw[24] if raw[:8] == b"\x89PNG\r\n\x1a\n" else getattr(im, "bits", 8)
    icc = im.info.get("icc_profile")
    desc = None
    if icc:
        try:
            desc = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).strip() or None
        except Exception:
            desc = None
    exif = im.getexif()
    fields = None
    if len(exif) or im.info.get("exif"):
        dt = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)
        fields = {"make": (exif.get(0x010F) or "").strip("\0 ") or None,
                  "model": (exif.get(0x0110) or "").strip("\0 ") or None,
                  "dateTime": (dt or "").strip("\0 ") or None, "gps": 0x8825 in exif}
    return bits, icc is not None, desc, fields


def test_metadata(cli, testdata, tmp):
    folder = os.path.join(testdata, "formats")
    names = [n for n in sorted(os.listdir(folder)) if n.startswith(("jpeg_", "png_")) and "12bit" not in n
             and "arithmetic" not in n and "cgbi" not in n]
    names += [os.path.join("exif_orientation", n) for n in sorted(os.listdir(os.path.join(folder, "exif_orientation")))[:2]]
    names += [os.path.join("..", "photos", n) for n in sorted(os.listdir(os.path.join(testdata, "photos")))]
    for n in names:
        path = os.path.join(folder, n)
        proc = subprocess.run([cli, "metadata", path], capture_output=True, text=True)
        ours = json.loads(proc.stdout)
        bits, has_icc, desc, exif = pillow_metadata(path)
        ok = ours["bitDepth"] == bits and (ours["icc"] is not None) == has_icc
        if has_icc:
            ok = ok and ours["icc"]["description"] == desc
        ok = ok and (ours["exif"] is not None) == (exif is not None)
        if exif is not None and ours["exif"] is not None:
            ok = ok and all(ours["exif"][k] == exif[k] for k in ("make", "model", "dateTime", "gps"))
        report(f"metadata {n} == Pillow", ok, f"ours {json.dumps(ours)[:90]} | pillow bits {bits} icc {has_icc} {desc} {exif}")


if __name__ == "__main__":
    sys.exit(CHECKS.main([test_raw_measures, test_downscaled_copies, test_saliency_vs_opencv, test_rule_of_thirds_and_symmetry, test_horizon,
                          test_degenerate_images, test_metadata, test_degradations], "pp-analysis-"))
