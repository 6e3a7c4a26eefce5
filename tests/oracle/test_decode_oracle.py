#!/usr/bin/python3
"""Decode oracle: pixelpipe_native's decoder (stb_image 2.27) against independent decoders.

Run with Debian's /usr/bin/python3 (python3-pil 9.4, python3-numpy, python3-opencv):
    test_decode_oracle.py --cli build/host/src/pixelpipe_native --testdata ../shared/testdata

For every file in formats/ (+ formats/exif_orientation/) and pngsuite/, `pixelpipe_native run FILE
OUT.ppraw` is compared with a reference decode converted to RGBA8 (kinds from PROVENANCE.md):
  * lossless formats (PNG <=8-bit, BMP, TGA, PNM, GIF first frame, PSD): exact, reference = Pillow;
  * 16-bit PNG: reference = OpenCV (libpng) 16-bit samples reduced with v >> 8 — stb_image reduces
    16→8 bit by keeping the high byte (stbi__convert_16_to_8), so that is the rule compared;
    16-bit PGM: Pillow's raw 16-bit values >> 8;
  * JPEG: reference = Pillow (libjpeg-turbo) + ImageOps.exif_transpose, within JPEG_MEAN / JPEG_P99
    (stb and libjpeg differ in IDCT rounding and chroma upsampling);
  * CMYK/YCCK JPEG: Pillow's naive CMYK→RGB (no ICC), within the same JPEG tolerance;
  * files Pillow cannot read: Apple CgBI PNG vs the PngSuite original it was made from (alpha
    premultiplication round trip tolerance), BMP BITFIELDS via a small numpy reader here, Radiance
    HDR via a numpy RGBE reader here + stb's documented tone map (gamma 2.2, scale 1);
  * GIF: pixels with alpha 0 are compared on alpha only (their RGB is undefined);
  * kind "unsupported" → must exit 2 with an "ERROR <CODE>:" line;
  * kind "malformed" (and everything in malformed/) → exit 0 or 2, never a signal, within 5 s.
Prints one line per file and a summary; exits 1 on any failure.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_common import parse_args, read_ppraw  # noqa: E402

from PIL import Image, ImageOps  # noqa: E402

import cv2  # noqa: E402

# JPEG tolerance, stb_image 2.27 vs libjpeg-turbo 2.1 (Pillow 9.4), RGB samples, measured over
# the 19 JPEGs in formats/ + exif_orientation/: worst mean |diff| 0.151, worst 99th percentile 2,
# worst single sample 3. Bounds leave ~3x headroom on the mean and allow p99 3, max 6.
JPEG_MEAN = 0.5
JPEG_P99 = 3
JPEG_MAX = 6
# 16-bit (5-6-5) BMP: stb expands 5/6-bit fields by bit replication (v<<3 | v>>2), Pillow by
# truncating v*255/31: they differ by at most 1.
BMP16_MAX = 1
# CgBI: premultiplied storage loses precision at low alpha; compared where alpha >= 16.
CGBI_MAX = 16
TIMEOUT_S = 5.0

# Files whose PROVENANCE.md kind predates a decoder added since: WebP decodes through libwebp
# (Debian's 1.2.4 source, the version Pillow links: compared exactly).
KIND_OVERRIDES = {"formats/other_webp_lossy.webp": "valid"}

# Valid files stb_image 2.27 cannot decode: must fail cleanly (exit 2), reported as known.
KNOWN_STB_LIMITATIONS = {
    "formats/gif_animated_no_initial_clear_code.gif": "LZW data without an initial clear code",
    # stb 2.27 has no old-style RLE and silently returns garbage; pixelpipe detects and refuses it.
    "formats/hdr_old_rle.hdr": "Radiance old-style (pre-1991) RLE",
}


def parse_provenance(path):
    """{relative path: kind} for formats/ and pngsuite/ (malformed/ rows carry no kind column)."""
    kinds = {}
    section = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^## (\w+)/", line)
            if m:
                section = m.group(1)
                continue
            m = re.match(r"^\| `([^`]+)` \| (\w+) \|", line)
            if m and section in ("formats", "pngsuite", "photos"):
                kinds[f"{section}/{m.group(1)}"] = m.group(2)
    return kinds


def run_cli(cli, path, out):
    t0 = time.monotonic()
    try:
        # Pinned to 'ignore': this tests the decoder against decoders that do not colour-manage
        # (Pillow without ImageCms); colour management has its own oracle (test_icc_oracle.py).
        p = subprocess.run([cli, "run", path, out, "--color-management", "ignore"], capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, "", time.monotonic() - t0
    return p.returncode, p.stderr.decode(errors="replace").strip(), time.monotonic() - t0


def png_bit_depth(path):
    with open(path, "rb") as f:
        head = f.read(64)
    i = head.find(b"IHDR")
    return head[i + 12] if i >= 0 else 8


def to_rgba(im):
    """Pillow image → HxWx4 uint8 following the rules above."""
    if im.mode in ("I", "I;16", "I;16B", "I;16L"):
        raw = np.array(im).astype(np.uint32)
        g = (raw >> 8).astype(np.uint8) if raw.max() > 255 or im.mode != "I" else raw.astype(np.uint8)
        a = np.full(g.shape, 255, np.uint8)
        if "transparency" in im.info and isinstance(im.info["transparency"], int):
            a[raw == im.info["transparency"]] = 0
        return np.dstack([g, g, g, a])
    return np.array(im.convert("RGBA"))


def ref_png16(path, im):
    """16-bit PNG reference from OpenCV/libpng samples, v >> 8; tRNS handled like the spec."""
    raw = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if raw is None:
        return None
    if raw.ndim == 2:
        g = (raw >> 8).astype(np.uint8)
        a = np.full(g.shape, 255, np.uint8)
        t = im.info.get("transparency")
        if isinstance(t, int):
            a[raw == t] = 0
        return np.dstack([g, g, g, a])
    if raw.shape[2] == 3:
        rgb16 = raw[:, :, ::-1]
        a = np.full(raw.shape[:2], 255, np.uint8)
        t = im.info.get("transparency")
        if isinstance(t, tuple) and len(t) == 3:
            a[np.all(rgb16 == np.array(t, dtype=rgb16.dtype), axis=2)] = 0
        return np.dstack([(rgb16 >> 8).astype(np.uint8), a])
    bgra = raw
    rgba16 = bgra[:, :, [2, 1, 0, 3]]
    return (rgba16 >> 8).astype(np.uint8)


def ref_bmp_bitfields(path):
    """Minimal BI_BITFIELDS 32-bpp BMP reader (Pillow 9.4 refuses these layouts)."""
    with open(path, "rb") as f:
        d = f.read()
    off = int.from_bytes(d[10:14], "little")
    hsz = int.from_bytes(d[14:18], "little")
    w = int.from_bytes(d[18:22], "little", signed=True)
    h = int.from_bytes(d[22:26], "little", signed=True)
    bpp = int.from_bytes(d[28:30], "little")
    comp = int.from_bytes(d[30:34], "little")
    if bpp != 32 or comp not in (3, 6):
        return None
    masks = [int.from_bytes(d[54 + 4 * i:58 + 4 * i], "little") for i in range(4)]
    if hsz < 56:
        masks[3] = 0
    px = np.frombuffer(d, dtype="<u4", count=abs(h) * w, offset=off).reshape(abs(h), w)
    if h > 0:
        px = px[::-1]
    out = np.empty((abs(h), w, 4), np.uint8)
    for c, m in enumerate(masks):
        if m == 0:
            out[:, :, c] = 255
            continue
        shift = (m & -m).bit_length() - 1
        bits = bin(m).count("1")
        v = (px & m) >> shift
        out[:, :, c] = (v * 255 // ((1 << bits) - 1)).astype(np.uint8)
    return out


def ref_hdr(path):
    """Radiance RGBE reader (new-style and old-style RLE, flat) + stb_image's LDR tone map:
    ldr = clamp(255 * (linear * 1.0) ** (1 / 2.2) + 0.5)."""
    with open(path, "rb") as f:
        d = f.read()
    pos = 0
    while True:  # header lines up to an empty line
        e = d.index(b"\n", pos)
        line = d[pos:e]
        pos = e + 1
        if line == b"":
            break
    e = d.index(b"\n", pos)
    res = d[pos:e].split()
    pos = e + 1
    if res[0] != b"-Y" or res[2] != b"+X":
        return None
    h, w = int(res[1]), int(res[3])
    img = np.zeros((h, w, 4), np.uint8)
    for y in range(h):
        if w >= 8 and w < 32768 and d[pos] == 2 and d[pos + 1] == 2 and (d[pos + 2] << 8 | d[pos + 3]) == w:
            pos += 4
            for c in range(4):
                x = 0
                while x < w:
                    n = d[pos]
                    pos += 1
                    if n > 128:
                        n -= 128
                        img[y, x:x + n, c] = d[pos]
                        pos += 1
                    else:
                        img[y, x:x + n, c] = np.frombuffer(d, np.uint8, n, pos)
                        pos += n
                    x += n
        else:  # flat or old-style RLE: (1,1,1,count) repeats the previous pixel count<<shift times
            x, shift = 0, 0
            while x < w:
                r, g, b, e8 = d[pos:pos + 4]
                pos += 4
                if r == 1 and g == 1 and b == 1:
                    n = e8 << shift
                    img[y, x:x + n] = img[y, x - 1]
                    x += n
                    shift += 8
                else:
                    img[y, x] = (r, g, b, e8)
                    x += 1
                    shift = 0
    rgbe = img.astype(np.float64)
    f = np.where(rgbe[:, :, 3:4] > 0, np.ldexp(1.0, (rgbe[:, :, 3:4] - (128 + 8)).astype(int)), 0.0)
    lin = rgbe[:, :, :3] * f
    ldr = np.clip(255.0 * np.power(lin, 1.0 / 2.2) + 0.5, 0, 255).astype(np.uint8)
    return np.dstack([ldr, np.full((h, w), 255, np.uint8)])


def reference(testdata, rel):
    """-> (rgba array or None, method, compare mode 'exact'|'jpeg'|'cgbi'|'gif')."""
    path = os.path.join(testdata, rel)
    name = os.path.basename(rel)
    if name == "png_cgbi_iphone.png":
        src = os.path.join(testdata, "pngsuite", "bgwn6a08.png")
        return np.array(Image.open(src).convert("RGBA")), "PngSuite bgwn6a08 (CgBI source) via Pillow", "cgbi"
    if name.endswith(".hdr"):
        return ref_hdr(path), "numpy RGBE reader + stb tone map", "hdr"
    if name.endswith(".bmp"):
        try:
            im = Image.open(path)
            im.load()
            with open(path, "rb") as f:
                bpp = int.from_bytes(f.read(30)[28:30], "little")
            return to_rgba(im), "Pillow", ("bmp16" if bpp == 16 else "exact")
        except Exception:
            r = ref_bmp_bitfields(path)
            return r, "numpy BITFIELDS reader", "exact"
    im = Image.open(path)
    fmt = im.format
    if fmt == "JPEG":
        im = ImageOps.exif_transpose(im)
        return np.array(im.convert("RGB").convert("RGBA")), "Pillow+exif_transpose", "jpeg"
    if fmt == "PNG" and png_bit_depth(path) == 16:
        return ref_png16(path, im), "OpenCV/libpng 16-bit >> 8", "exact"
    if fmt == "PNG" and im.mode == "L" and png_bit_depth(path) < 8 and isinstance(im.info.get("transparency"), int):
        # Pillow 9.4 keeps a 1/2/4-bit gray tRNS value unscaled and so never matches the
        # expanded 8-bit samples; the PNG spec compares sample values, i.e. the scaled value.
        depth = png_bit_depth(path)
        g = np.array(im)
        t = im.info["transparency"] * 255 // ((1 << depth) - 1)
        a = np.where(g == t, 0, 255).astype(np.uint8)
        return np.dstack([g, g, g, a]), "Pillow + spec tRNS scaling", "exact"
    if fmt == "GIF":
        im.seek(0)
        return to_rgba(im), "Pillow first frame", "gif"
    im.load()
    return to_rgba(im), "Pillow", "exact"


def compare(ours, ref, mode):
    """-> (ok, detail)."""
    if ref is None:
        return None, "no reference"
    if ours.shape != ref.shape:
        return False, f"shape {ours.shape[1]}x{ours.shape[0]} != reference {ref.shape[1]}x{ref.shape[0]}"
    d = np.abs(ours.astype(np.int16) - ref.astype(np.int16))
    if mode == "gif":
        transparent = (ref[:, :, 3] == 0) & (ours[:, :, 3] == 0)
        d[transparent, :3] = 0
    if mode in ("exact", "gif"):
        n = int(np.count_nonzero(d))
        return n == 0, f"exact: {n} differing samples, max {int(d.max())}"
    if mode == "cgbi":
        m = ref[:, :, 3] >= 16
        mx = int(d[m].max()) if m.any() else 0
        amax = int(d[:, :, 3].max())
        return mx <= CGBI_MAX and amax == 0, f"CgBI: max diff {mx} where alpha>=16 (tol {CGBI_MAX}), alpha max diff {amax}"
    if mode == "hdr":
        mx = int(d.max())
        return mx <= 1, f"HDR: max diff {mx} (tol 1), mean {d.mean():.3f}"
    rgb = d[:, :, :3]
    mean = float(rgb.mean())
    p99 = float(np.percentile(rgb, 99))
    if mode == "bmp16":
        mx = int(d.max())
        return mx <= BMP16_MAX, f"BMP 5-6-5: max diff {mx} (tol {BMP16_MAX})"
    mx = int(rgb.max())
    ok = mean <= JPEG_MEAN and p99 <= JPEG_P99 and mx <= JPEG_MAX and int(d[:, :, 3].max()) == 0
    return ok, f"JPEG: mean {mean:.3f} (tol {JPEG_MEAN}), p99 {p99:.0f} (tol {JPEG_P99}), max {mx} (tol {JPEG_MAX})"


def main():
    args = parse_args()
    td = args.testdata
    kinds = {**parse_provenance(os.path.join(td, "PROVENANCE.md")), **KIND_OVERRIDES}

    files = []
    for sub in ("formats", "formats/exif_orientation", "pngsuite", "malformed"):
        for n in sorted(os.listdir(os.path.join(td, sub))):
            rel = f"{sub}/{n}"
            if os.path.isfile(os.path.join(td, rel)) and not n.startswith("PngSuite.") or n == "PngSuite.png":
                files.append(rel)

    fails, counts = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.ppraw")
        for rel in files:
            if os.path.exists(out):
                os.remove(out)
            kind = "malformed" if rel.startswith("malformed/") else kinds.get(rel, "?")
            rc, err, dt = run_cli(args.cli, os.path.join(td, rel), out)
            if rc is None:
                status, detail = "FAIL", f"timeout > {TIMEOUT_S}s"
            elif rc not in (0, 2):
                status, detail = "FAIL", f"crash/abnormal exit {rc} {err[-200:]}"
            elif kind == "malformed":
                status, detail = "ok", ("decoded" if rc == 0 else err.splitlines()[-1] if err else "exit 2")
            elif kind == "unsupported":
                ok = rc == 2 and re.search(r"ERROR [A-Z_]+: ", err)
                status, detail = ("ok" if ok else "FAIL"), (err.splitlines()[-1] if err else f"exit {rc}")
            elif rel in KNOWN_STB_LIMITATIONS:
                ok = rc == 2
                status = "known" if ok else "FAIL"
                detail = f"known stb limitation ({KNOWN_STB_LIMITATIONS[rel]}): " + (err.splitlines()[-1] if err else f"exit {rc}")
            elif rc != 0:
                status, detail = "FAIL", f"valid file not decoded: {err}"
            else:
                ours = read_ppraw(out)
                try:
                    ref, method, mode = reference(td, rel)
                except Exception as e:  # reference decoder failed: fall back to dimensions only
                    ref, method, mode = None, f"no reference ({type(e).__name__}: {e})", "none"
                ok, cmp = compare(ours, ref, mode)
                if ok is None:
                    status, detail = "dims-only", f"{ours.shape[1]}x{ours.shape[0]} ({method})"
                else:
                    status, detail = ("ok" if ok else "FAIL"), f"{cmp} [{method}]"
            if dt > TIMEOUT_S:
                status, detail = "FAIL", f"took {dt:.1f}s: " + detail
            counts[status] = counts.get(status, 0) + 1
            print(f"{status:9s} {kind:11s} {rel}: {detail} ({dt * 1000:.0f} ms)")
            if status == "FAIL":
                fails.append(rel)
    print("summary: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + f"; {len(files)} files")
    if fails:
        print("FAILED: " + " ".join(fails))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
