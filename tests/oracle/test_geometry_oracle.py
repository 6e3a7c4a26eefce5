#!/usr/bin/python3
"""Oracle test for the geometry family: the native CLI's resize kernels / crop / rotate / flip /
pad / trim against Pillow, OpenCV and numpy on real photos (PNG, fed as .ppraw so the input pixels
are identical). Run with Debian's python3: /usr/bin/python3 test_geometry_oracle.py --cli PATH --testdata DIR
Tolerances (8-bit levels) and the reason for each are next to each check."""
import math
import os
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_common import Checks, load_rgba, run_cli, run_cli_error  # noqa: E402

CHECKS = Checks(name_width=66, close_detail="max {max:.0f} (<= {max_tol}), mean {mean:.3f} (<= {mean_tol})")
report, check_close = CHECKS.report, CHECKS.check_close


def check_exact(name, got, want):
    same = got.shape == want.shape and bool((got == want).all())
    report(name, same, "identical" if same else f"shape {got.shape} vs {want.shape}, "
           f"{int((got != want).sum()) if got.shape == want.shape else -1} values differ")


# ---- an independent numpy resampler (for Mitchell and Lanczos2, which Pillow lacks) -----------

def kernel_fn(name):
    def cubic(x, a):
        x = np.abs(x)
        return np.where(x < 1, ((a + 2) * x - (a + 3)) * x * x + 1, np.where(x < 2, a * (((x - 5) * x + 8) * x - 4), 0.0))

    def mitchell(x, b=1 / 3, c=1 / 3):
        x = np.abs(x)
        near = ((12 - 9 * b - 6 * c) * x ** 3 + (-18 + 12 * b + 6 * c) * x ** 2 + (6 - 2 * b)) / 6
        far = ((-b - 6 * c) * x ** 3 + (6 * b + 30 * c) * x ** 2 + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6
        return np.where(x < 1, near, np.where(x < 2, far, 0.0))

    return {
        "bicubic": (lambda x: cubic(x, -0.5), 2.0),
        "mitchell": (mitchell, 2.0),
        "lanczos2": (lambda x: np.where(np.abs(x) < 2, np.sinc(x) * np.sinc(x / 2), 0.0), 2.0),
        "lanczos3": (lambda x: np.where(np.abs(x) < 3, np.sinc(x) * np.sinc(x / 3), 0.0), 3.0),
    }[name]


def weight_matrix(kernel, in_size, extent, out_size):
    """out_size x in_size matrix: Pillow's precompute_coeffs with box (0, extent)."""
    f, support = kernel_fn(kernel)
    scale = extent / out_size
    fs = max(scale, 1.0)
    centers = (np.arange(out_size) + 0.5) * scale
    xs = np.arange(in_size)
    m = f((xs[None, :] - centers[:, None] + 0.5) / fs)
    lo = np.maximum(0, (centers - support * fs + 0.5).astype(np.int64))
    hi = np.minimum(in_size, (centers + support * fs + 0.5).astype(np.int64))
    m = np.where((xs[None, :] >= lo[:, None]) & (xs[None, :] < hi[:, None]), m, 0.0)
    return m / m.sum(axis=1, keepdims=True)


def numpy_resize(rgb, w, h, kernel):
    """Box pre-shrink by floor(scale/2) (partial edge blocks averaged), then the kernel; opaque input."""
    H, W = rgb.shape[:2]
    fx, fy = max(1, int(W / w / 2)), max(1, int(H / h / 2))
    img = rgb.astype(np.float64)
    if fx > 1 or fy > 1:
        rw, rh = -(-W // fx), -(-H // fy)
        pad = np.zeros((rh * fy, rw * fx, 3))
        cnt = np.zeros((rh * fy, rw * fx, 1))
        pad[:H, :W] = img
        cnt[:H, :W] = 1
        img = pad.reshape(rh, fy, rw, fx, 3).sum(axis=(1, 3)) / cnt.reshape(rh, fy, rw, fx, 1).sum(axis=(1, 3))
    wx = weight_matrix(kernel, img.shape[1], W / fx, w)
    wy = weight_matrix(kernel, img.shape[0], H / fy, h)
    tmp = np.clip(np.einsum("ox,yxc->yoc", wx, img), 0, 255)
    return np.clip(np.einsum("oy,yxc->oxc", wy, tmp), 0, 255).round()


# ---- tests -------------------------------------------------------------------------------------

PIL_FILTERS = {"nearest": Image.NEAREST, "bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC, "lanczos3": Image.LANCZOS}


def test_kernels_vs_pillow(cli, testdata, tmp):
    # Pillow's resize(filter, reducing_gap=2.0) = reduce() by int(scale/2) per axis, then the
    # filter with support scaled by the remaining factor: the same rule as ours. Pillow rounds
    # its reduced and intermediate images to 8 bits (we keep float), so: max <= 3, mean <= 0.3.
    # Nearest: Pillow samples floor((x + 0.5) * scale) with no reduce, as we do: exact.
    cases = [("astronaut.png", 200, 150), ("kodim23.png", 1001, 667), ("coffee.png", 97, 71),
             ("spider_web.png", 300, 201), ("kodim04.png", 512, 1100)]
    for name, w, h in cases:
        rgba = load_rgba(testdata, name)
        im = Image.fromarray(rgba[..., :3])
        for kernel, flt in PIL_FILTERS.items():
            ours = run_cli(cli, tmp, rgba, [f"resize:width={w},height={h},fit=fill,kernel={kernel}"], "k")
            pil = np.asarray(im.resize((w, h), flt, reducing_gap=None if kernel == "nearest" else 2.0))
            label = f"resize {name} -> {w}x{h} {kernel} vs PIL (reducing_gap=2)"
            if kernel == "nearest":
                # Ours: source index floor((o + 0.5) * in / out), checked exactly with numpy.
                # Pillow computes that in 16.16 fixed point, which rounds an exact tie
                # (centre on a pixel boundary) down: those rows/columns may differ, no others.
                H, W = rgba.shape[:2]
                ix = np.floor((np.arange(w) + 0.5) * W / w).astype(int)
                iy = np.floor((np.arange(h) + 0.5) * H / h).astype(int)
                check_exact(f"resize {name} -> {w}x{h} nearest vs numpy floor((o+0.5)*scale)", ours[..., :3],
                            rgba[iy][:, ix, :3])
                tie_x = ((np.arange(w) * 2 + 1) * W) % (2 * w) == 0
                tie_y = ((np.arange(h) * 2 + 1) * H) % (2 * h) == 0
                diff = (ours[..., :3] != pil).any(axis=2)
                off_tie = diff & ~tie_x[None, :] & ~tie_y[:, None]
                report(label + " (off exact ties)", not off_tie.any(),
                       f"{int(diff.sum())} pixels differ, all on {int(tie_x.sum())} tie columns / {int(tie_y.sum())} tie rows")
            else:
                check_close(label, ours[..., :3], pil, max_tol=3, mean_tol=0.3)


def test_no_preshrink_vs_pillow(cli, testdata, tmp):
    # preshrink=0: the kernel over every input pixel, no box reduce first = Pillow's
    # resize(reducing_gap=None). Pillow rounds its horizontal pass to 8 bits (we keep float).
    # Measured: max 1, mean 0.096-0.110. The default (preshrink on) must give a different image on
    # these >= 4x downscales: the option takes effect.
    for name, w, h in [("astronaut.png", 128, 128), ("spider_web.png", 1000, 750), ("kodim23.png", 191, 127)]:
        rgba = load_rgba(testdata, name)
        exact = run_cli(cli, tmp, rgba, [f"resize:width={w},height={h},fit=fill,kernel=lanczos3,preshrink=0"], "p0")
        default = run_cli(cli, tmp, rgba, [f"resize:width={w},height={h},fit=fill,kernel=lanczos3"], "p1")
        pil = np.asarray(Image.fromarray(rgba[..., :3]).resize((w, h), Image.LANCZOS, reducing_gap=None))
        check_close(f"resize {name} -> {w}x{h} lanczos3 preshrink=0 vs PIL (reducing_gap=None)", exact[..., :3], pil,
                    max_tol=1, mean_tol=0.2)
        report(f"resize {name} -> {w}x{h}: preshrink=0 differs from the default", bool((exact != default).any()),
               f"{int((exact != default).any(axis=2).sum())} pixels differ")


def test_kernels_vs_numpy(cli, testdata, tmp):
    # An independent float64 numpy implementation of the same definition (box pre-shrink, then
    # the kernel's weight matrix): covers Mitchell and Lanczos2, which Pillow/OpenCV lack.
    # Both sides are float; differences are float32 vs float64 rounding: max <= 1.
    for name, w, h in [("coffee.png", 143, 97), ("astronaut.png", 130, 700), ("kodim23.png", 77, 50)]:
        rgba = load_rgba(testdata, name)
        for kernel in ("mitchell", "lanczos2", "bicubic", "lanczos3"):
            ours = run_cli(cli, tmp, rgba, [f"resize:width={w},height={h},fit=fill,kernel={kernel}"], "n")
            want = numpy_resize(rgba[..., :3], w, h, kernel)
            check_close(f"resize {name} -> {w}x{h} {kernel} vs numpy reference", ours[..., :3], want, max_tol=1, mean_tol=0.05)


def test_vs_opencv(cli, testdata, tmp):
    # INTER_AREA at an exact integer factor is a plain box average. Ours (4x: box 2 then a
    # triangle stretched 2x, i.e. a 4-tap [1,3,3,1]/8 per axis) is a slightly softer low-pass:
    # a different filter, so only the mean and the 99th percentile are bounded (measured below).
    rgba = load_rgba(testdata, "spider_web.png")  # 4256 x 2848, factor 4 -> 1064 x 712
    ours = run_cli(cli, tmp, rgba, ["resize:width=1064,height=712,fit=fill,kernel=bilinear"], "area")
    cv = cv2.resize(rgba[..., :3], (1064, 712), interpolation=cv2.INTER_AREA)
    check_close("resize spider_web 4x down bilinear vs cv2 INTER_AREA", ours[..., :3], cv, max_tol=64, mean_tol=1.0, p99_tol=8)
    # INTER_LANCZOS4 is an 8-tap Lanczos (a = 4) vs our Lanczos3: compare upscaling only.
    rgba = load_rgba(testdata, "astronaut.png")
    ours = run_cli(cli, tmp, rgba, ["resize:width=1100,height=1100,fit=fill,kernel=lanczos3"], "l4")
    cv = cv2.resize(rgba[..., :3], (1100, 1100), interpolation=cv2.INTER_LANCZOS4)
    check_close("resize astronaut 2.15x up lanczos3 vs cv2 INTER_LANCZOS4", ours[..., :3], cv, max_tol=24, mean_tol=0.8, p99_tol=4)
    # INTER_CUBIC uses a = -0.75 (ours -0.5), upscale only (OpenCV does not stretch the kernel).
    ours = run_cli(cli, tmp, rgba, ["resize:width=1100,height=1100,fit=fill,kernel=bicubic"], "cu")
    cv = cv2.resize(rgba[..., :3], (1100, 1100), interpolation=cv2.INTER_CUBIC)
    check_close("resize astronaut 2.15x up bicubic(-0.5) vs cv2 INTER_CUBIC(-0.75)", ours[..., :3], cv, max_tol=30, mean_tol=1.0, p99_tol=6)


def test_exact_moves(cli, testdata, tmp):
    rgba = load_rgba(testdata, "anemone_red.png")  # 600 x 520, real alpha
    h, w = rgba.shape[:2]
    check_exact("crop anemone 37,41 300x200 vs numpy slice",
                run_cli(cli, tmp, rgba, ["crop:left=37,top=41,width=300,height=200"], "c"), rgba[41:241, 37:337])
    check_exact("crop to the right/bottom edge (width/height omitted)",
                run_cli(cli, tmp, rgba, ["crop:left=100,top=500"], "c"), rgba[500:, 100:])
    for d, want in (("horizontal", rgba[:, ::-1]), ("vertical", rgba[::-1]), ("both", rgba[::-1, ::-1])):
        check_exact(f"flip {d} vs np.flip", run_cli(cli, tmp, rgba, [f"flip:direction={d}"], "f"), want)
    for angle, k in ((90, -1), (180, 2), (270, 1), (-90, 1), (-270, -1), (360, 0)):
        check_exact(f"rotate {angle} vs np.rot90(k={k})", run_cli(cli, tmp, rgba, [f"rotate:angle={angle}"], "r"),
                    np.rot90(rgba, k))
    check_exact("rotate 90 four times = identity",
                run_cli(cli, tmp, rgba, ["rotate:angle=90"] * 4, "r4"), rgba)
    check_exact("flip twice = identity", run_cli(cli, tmp, rgba, ["flip:direction=horizontal"] * 2, "f2"), rgba)
    want = np.stack([np.pad(rgba[..., c], ((3, 7), (11, 5)), constant_values=v) for c, v in enumerate((10, 20, 30, 40))], axis=2)
    check_exact("pad top 3 right 5 bottom 7 left 11 vs np.pad",
                run_cli(cli, tmp, rgba, ["pad:top=3,right=5,bottom=7,left=11,background=10/20/30/40"], "p"), want)
    code, err = run_cli_error(cli, tmp, rgba, ["crop:left=500,top=0,width=200,height=10"], "ce")
    report("crop box not inside the image -> INVALID_ARGUMENT", code == 2 and "INVALID_ARGUMENT" in err and f"{w}x{h}" in err, err)
    code, err = run_cli_error(cli, tmp, rgba, ["resize:width=20000,height=20000,fit=fill"], "big", ["--max-pixels", "1000000"])
    report("resize over --max-pixels -> IMAGE_TOO_LARGE", code == 2 and "IMAGE_TOO_LARGE" in err, err)


def test_trim(cli, testdata, tmp):
    # numpy reference: bounding box of pixels whose max |channel - top-left| > threshold.
    rgb = load_rgba(testdata, "coffee.png")
    rng = np.random.default_rng(3)
    framed = np.empty((rgb.shape[0] + 60, rgb.shape[1] + 90, 4), np.uint8)
    framed[...] = (250, 250, 245, 255)
    framed[..., :3] = np.clip(framed[..., :3].astype(int) + rng.integers(-4, 5, framed[..., :3].shape), 0, 255)
    framed[20:20 + rgb.shape[0], 50:50 + rgb.shape[1]] = rgb
    for threshold in (10, 30):
        d = np.abs(framed.astype(int) - framed[0, 0].astype(int)).max(axis=2) > threshold
        ys, xs = np.nonzero(d)
        want = framed[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
        got = run_cli(cli, tmp, framed, [f"trim:threshold={threshold}"], "t")
        check_exact(f"trim coffee in a noisy frame, threshold {threshold} vs numpy bbox ({want.shape[1]}x{want.shape[0]})", got, want)
    flat = np.full((40, 30, 4), 77, np.uint8)
    check_exact("trim of a one-colour image is unchanged", run_cli(cli, tmp, flat, ["trim"], "tf"), flat)


def test_rotate_vs_opencv(cli, testdata, tmp):
    # cv2.warpAffine, same output size, the same centre-to-centre inverse map, BORDER_CONSTANT with
    # the same (opaque) background. OpenCV quantises sample positions to 1/32 pixel and weights to
    # 1/1024 (INTER_BITS = 5), we use float: +-2 levels except where the quantisation meets steep
    # edges; compared away from the canvas border (2 px), and bounded by max, mean and p99.
    bg = (30, 60, 90, 255)
    for name, angle in (("astronaut.png", 17.0), ("kodim23.png", -33.5), ("coffee.png", 100.0)):
        rgba = load_rgba(testdata, name)
        h, w = rgba.shape[:2]
        ours = run_cli(cli, tmp, rgba, [f"rotate:angle={angle},background={'/'.join(map(str, bg))}"], "ra")
        oh, ow = ours.shape[:2]
        t = math.radians(angle)
        c, s = math.cos(t), math.sin(t)
        exp_w = math.ceil(w * abs(c) + h * abs(s) - 1e-6)
        exp_h = math.ceil(w * abs(s) + h * abs(c) - 1e-6)
        report(f"rotate {name} {angle} canvas size", (ow, oh) == (exp_w, exp_h), f"{ow}x{oh} (want {exp_w}x{exp_h})")
        # inverse map: src = R^T (dst - cd) + cs, pixel-index coordinates
        cd = np.array([ow / 2 - 0.5, oh / 2 - 0.5])
        cs_ = np.array([w / 2 - 0.5, h / 2 - 0.5])
        rt = np.array([[c, s], [-s, c]])
        m = np.hstack([rt, (cs_ - rt @ cd)[:, None]])
        cv = cv2.warpAffine(rgba, m, (ow, oh), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=bg)
        check_close(f"rotate {name} {angle} bilinear vs cv2.warpAffine (inner)", ours[2:-2, 2:-2], cv[2:-2, 2:-2],
                    max_tol=6, mean_tol=0.2, p99_tol=2)


def test_smart_crop(cli, testdata, tmp):
    # Entropy: our cover crop must equal the window a numpy brute force picks on the same resized
    # image (fit=outside gives exactly that image: same kernel, same pre-shrink).
    for name, w, h in (("coffee.png", 200, 200), ("kodim04.png", 300, 200)):
        rgba = load_rgba(testdata, name)
        full = run_cli(cli, tmp, rgba, [f"resize:width={w},height={h},fit=outside"], "so")
        got = run_cli(cli, tmp, rgba, [f"resize:width={w},height={h},fit=cover,position=entropy"], "se")
        y = np.floor(0.2126 * full[..., 0] + 0.7152 * full[..., 1] + 0.0722 * full[..., 2] + 0.5).astype(int)
        along_x = full.shape[1] > w
        n = (full.shape[1] - w if along_x else full.shape[0] - h) + 1
        scores = []
        for s in range(n):
            win = y[:, s:s + w] if along_x else y[s:s + h, :]
            p = np.bincount(win.ravel(), minlength=256) / win.size
            p = p[p > 0]
            scores.append(-(p * np.log2(p)).sum())
        scores = np.array(scores)
        best = np.flatnonzero(scores >= scores.max() - 1e-9)
        s = best[np.argmin(np.abs(best - (n - 1) / 2))]
        want = full[:, s:s + w] if along_x else full[s:s + h, :]
        check_exact(f"resize {name} cover {w}x{h} entropy = numpy max-entropy window (offset {s})", got, want)
    # Compass positions = the matching slice of the fit=outside image (sharp's gravity offsets).
    rgba = load_rgba(testdata, "kodim23.png")  # 768 x 512 -> outside 300x300 = 450x300
    full = run_cli(cli, tmp, rgba, ["resize:width=300,height=300,fit=outside"], "go")
    for pos, x0 in (("west", 0), ("centre", 75), ("east", 150), ("northeast", 150), ("southwest", 0)):
        got = run_cli(cli, tmp, rgba, [f"resize:width=300,height=300,fit=cover,position={pos}"], "g")
        check_exact(f"resize kodim23 cover 300x300 position {pos} = outside[:, {x0}:{x0 + 300}]", got, full[:, x0:x0 + 300])


if __name__ == "__main__":
    sys.exit(CHECKS.main((test_kernels_vs_pillow, test_no_preshrink_vs_pillow, test_kernels_vs_numpy, test_vs_opencv, test_exact_moves, test_trim,
                          test_rotate_vs_opencv, test_smart_crop), tmp_prefix="pp-geometry-oracle-"))
