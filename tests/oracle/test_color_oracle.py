#!/usr/bin/python3
"""Oracle test: the native CLI's colour transforms against independent references on real photos.
- CSS shorthands (grayscale, sepia, saturate, hue_rotate, invert, opacity, brightness, contrast):
  numpy from the Filter Effects Module Level 1 matrices / transfer functions, in double precision.
- exposure / temperature / tint: numpy with the IEC 61966-2-1 sRGB curve.
- curves: a numpy Fritsch-Carlson implementation (and scipy's PCHIP as a sanity bound: a different
  monotone cubic, so only a loose tolerance).
- posterize: numpy (PIL ImageOps.posterize keeps the top bits, a different definition).
- equalize: PIL ImageOps.equalize (same algorithm: exact match expected).
- normalize: numpy percentiles of Rec.709 luma (method lower/higher), one linear map for R, G, B.
- fusion: a chain through the CLI equals the same chain run one step per CLI call within 1 level.
Run with Debian's python3: /usr/bin/python3 test_color_oracle.py --cli PATH --testdata DIR
Tolerances: <= 1 level (float32 pipeline vs float64 numpy and .5 rounding ties), 0 where the
computation is integer (posterize, equalize)."""
import functools
import os
import sys

import numpy as np
from PIL import Image, ImageOps
from scipy.interpolate import PchipInterpolator

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_common  # noqa: E402
from oracle_common import Checks, load_rgba  # noqa: E402

PHOTOS = ("kodim23.png", "astronaut.png", "coffee.png", "anemone_red.png")
CHECKS = Checks(name_width=62, close_detail="max {max:.0f} (<= {max_tol}), mean {mean:.4f}", same_shape=False)
report = CHECKS.report
run_cli = functools.partial(oracle_common.run_cli, tag="c")


def check_close(name, got, want, max_tol, mean_tol=0.1):
    CHECKS.check_close(name, got, want, max_tol, mean_tol)


def q(x):  # float 0..255 -> rounded 8-bit (half away from zero; non-negative values)
    return np.floor(np.clip(x, 0, 255) + 0.5)


# --- Filter Effects Module Level 1, "Shorthands defined" (https://www.w3.org/TR/filter-effects-1/)
def css_matrix(fn, a):
    if fn == "grayscale":
        g = 1 - a
        return np.array([[0.2126 + 0.7874 * g, 0.7152 - 0.7152 * g, 0.0722 - 0.0722 * g],
                         [0.2126 - 0.2126 * g, 0.7152 + 0.2848 * g, 0.0722 - 0.0722 * g],
                         [0.2126 - 0.2126 * g, 0.7152 - 0.7152 * g, 0.0722 + 0.9278 * g]])
    if fn == "sepia":
        g = 1 - a
        return np.array([[0.393 + 0.607 * g, 0.769 - 0.769 * g, 0.189 - 0.189 * g],
                         [0.349 - 0.349 * g, 0.686 + 0.314 * g, 0.168 - 0.168 * g],
                         [0.272 - 0.272 * g, 0.534 - 0.534 * g, 0.131 + 0.869 * g]])
    if fn == "saturate":
        s = a
        return np.array([[0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s],
                         [0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s],
                         [0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s]])
    if fn == "hue_rotate":
        c, s = np.cos(np.radians(a)), np.sin(np.radians(a))
        return (np.array([[0.213, 0.715, 0.072]] * 3)
                + c * np.array([[0.787, -0.715, -0.072], [-0.213, 0.285, -0.072], [-0.213, -0.715, 0.928]])
                + s * np.array([[-0.213, -0.715, 0.928], [0.143, 0.140, -0.283], [-0.787, 0.715, 0.072]]))
    raise ValueError(fn)


def css_reference(rgba, fn, a):
    x = rgba.astype(np.float64)
    out = x.copy()
    if fn in ("grayscale", "sepia", "saturate", "hue_rotate"):
        out[..., :3] = x[..., :3] @ css_matrix(fn, a).T
    elif fn == "invert":  # feFuncX type=table tableValues="a (1-a)"
        out[..., :3] = 255 * (a + x[..., :3] / 255 * (1 - 2 * a))
    elif fn == "opacity":  # feFuncA type=table tableValues="0 a"
        out[..., 3] = x[..., 3] * a
    elif fn == "brightness":  # type=linear slope=a
        out[..., :3] = x[..., :3] * a
    elif fn == "contrast":  # type=linear slope=a intercept=-(0.5*a)+0.5
        out[..., :3] = 255 * (x[..., :3] / 255 * a - 0.5 * a + 0.5)
    return q(out)


def test_css(cli, testdata, tmp):
    cases = [("grayscale", (0.5, 1.0)), ("sepia", (0.6, 1.0)), ("saturate", (0.3, 2.5, 8.0)),
             ("hue_rotate", (45, 180, -120)), ("invert", (0.25, 1.0)), ("opacity", (0.5,)),
             ("brightness", (0.4, 1.8)), ("contrast", (0.5, 3.0))]
    for name in PHOTOS[:3]:
        rgba = load_rgba(testdata, name)
        for fn, amounts in cases:
            for a in amounts:
                key = "degrees" if fn == "hue_rotate" else "amount"
                ours = run_cli(cli, tmp, rgba, [f"{fn}:{key}={a}"])
                check_close(f"{fn}({a}) {name} vs spec matrix (numpy)", ours, css_reference(rgba, fn, a), 1)


def srgb_to_linear(v):
    v = v / 255.0
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(l):
    l = np.clip(l, 0, 1)
    return 255.0 * np.where(l <= 0.0031308, 12.92 * l, 1.055 * np.power(l, 1 / 2.4) - 0.055)


def test_tone(cli, testdata, tmp):
    rgba = load_rgba(testdata, "kodim23.png")
    x = rgba[..., :3].astype(np.float64)
    for stops in (-1.5, 0.7):
        ours = run_cli(cli, tmp, rgba, [f"exposure:stops={stops}"])
        check_close(f"exposure {stops:+} stops vs numpy sRGB curve", ours[..., :3], q(linear_to_srgb(srgb_to_linear(x) * 2 ** stops)), 1)
    for amount in (-0.8, 0.5):
        gains = np.array([1 + 0.25 * amount, 1, 1 - 0.25 * amount])
        ours = run_cli(cli, tmp, rgba, [f"temperature:amount={amount}"])
        check_close(f"temperature {amount:+} vs numpy linear-light gains", ours[..., :3], q(linear_to_srgb(srgb_to_linear(x) * gains)), 1)
        gains = np.array([1, 1 - 0.25 * amount, 1])
        ours = run_cli(cli, tmp, rgba, [f"tint:amount={amount}"])
        check_close(f"tint {amount:+} vs numpy linear-light gains", ours[..., :3], q(linear_to_srgb(srgb_to_linear(x) * gains)), 1)
    for g in (0.5, 2.2):
        ours = run_cli(cli, tmp, rgba, [f"gamma:gamma={g}"])
        check_close(f"gamma {g} vs numpy 255 (v/255)^(1/g)", ours[..., :3], q(255 * (x / 255) ** (1 / g)), 1)
    ours = run_cli(cli, tmp, rgba, ["levels:inputBlack=30,inputWhite=220,gamma=1.3,outputBlack=15,outputWhite=235"])
    t = np.clip((x - 30) / 190, 0, 1) ** (1 / 1.3)
    check_close("levels 30..220 g1.3 -> 15..235 vs numpy", ours[..., :3], q(15 + t * 220), 1)
    # A brighter gamma really brightens midtones (the documented convention).
    report("gamma 2.2 brightens the mean", run_cli(cli, tmp, rgba, ["gamma:gamma=2.2"])[..., :3].mean() > x.mean(), "")


def fritsch_carlson(xs, ys, x):
    """Monotone cubic Hermite interpolation (Fritsch & Carlson 1980, SIAM J. Numer. Anal. 17(2))."""
    xs, ys = np.asarray(xs, float), np.asarray(ys, float)
    h = np.diff(xs)
    d = np.diff(ys) / h
    m = np.empty(len(xs))
    m[0], m[-1] = d[0], d[-1]
    m[1:-1] = np.where(d[:-1] * d[1:] <= 0, 0.0, (d[:-1] + d[1:]) / 2)
    for i in range(len(d)):
        if d[i] == 0:
            m[i] = m[i + 1] = 0
            continue
        a, b = m[i] / d[i], m[i + 1] / d[i]
        if a * a + b * b > 9:
            tau = 3 / np.sqrt(a * a + b * b)
            m[i], m[i + 1] = tau * a * d[i], tau * b * d[i]
    x = np.clip(np.asarray(x, float), xs[0], xs[-1])
    i = np.clip(np.searchsorted(xs, x, side="right") - 1, 0, len(xs) - 2)
    t = (x - xs[i]) / h[i]
    return ((2 * t**3 - 3 * t**2 + 1) * ys[i] + (t**3 - 2 * t**2 + t) * h[i] * m[i]
            + (-2 * t**3 + 3 * t**2) * ys[i + 1] + (t**3 - t**2) * h[i] * m[i + 1])


def test_curves(cli, testdata, tmp):
    rgba = load_rgba(testdata, "astronaut.png")
    x = rgba[..., :3].astype(np.float64)
    xs, ys = [0, 40, 128, 200, 255], [0, 20, 150, 235, 255]
    pts = "/".join(f"{a}/{b}" for a, b in zip(xs, ys))
    ours = run_cli(cli, tmp, rgba, [f"curves:points={pts}"])
    check_close("curves (S curve) vs numpy Fritsch-Carlson", ours[..., :3], q(fritsch_carlson(xs, ys, x)), 1)
    check_close("curves (S curve) vs scipy PCHIP (other slopes: loose)", ours[..., :3], q(PchipInterpolator(xs, ys)(x)), 6, 2.0)
    ours = run_cli(cli, tmp, rgba, ["curves:red=0/0/128/200/255/255,blue=0/40/255/210"])
    want = x.copy()
    want[..., 0] = fritsch_carlson([0, 128, 255], [0, 200, 255], x[..., 0])
    want[..., 2] = fritsch_carlson([0, 255], [40, 210], x[..., 2])
    check_close("curves per channel (red, blue) vs numpy", ours[..., :3], q(want), 1)


def luma709(x):
    return x[..., 0] * 0.2126 + x[..., 1] * 0.7152 + x[..., 2] * 0.0722


def test_matrix_ops(cli, testdata, tmp):
    rgba = load_rgba(testdata, "coffee.png")
    x = rgba[..., :3].astype(np.float64)
    y = luma709(x)[..., None]
    col = np.array([40.0, 160.0, 220.0])
    ours = run_cli(cli, tmp, rgba, ["colorize:color=40/160/220/255,strength=0.6"])
    check_close("colorize vs numpy (colour moved to the pixel's luma)", ours[..., :3],
                q(0.4 * x + 0.6 * (col + y - luma709(col))), 1)
    sh, hi = np.array([30.0, 0, 60]), np.array([255.0, 220, 120])
    ours = run_cli(cli, tmp, rgba, ["duotone:shadows=30/0/60/255,highlights=255/220/120/255"])
    check_close("duotone vs numpy", ours[..., :3], q(sh + (hi - sh) * y / 255), 1)
    ours = run_cli(cli, tmp, rgba, ["threshold:threshold=120"])
    want = np.where(np.floor(luma709(x) + 0.5) >= 120, 255, 0)
    check_close("threshold 120 vs numpy (8-bit luma)", ours[..., 0], want, 0, 0)
    m = np.array([[0.6, 0.3, 0.1, 12], [0.0, 1.1, -0.1, 0], [0.2, -0.2, 0.9, -8]])
    flat = "/".join(str(v) for v in m.ravel())
    ours = run_cli(cli, tmp, rgba, [f"channel_mixer:matrix={flat}"])
    check_close("channel_mixer vs numpy", ours[..., :3], q(x @ m[:, :3].T + m[:, 3]), 1)
    ours = run_cli(cli, tmp, rgba, ["vibrance:amount=0.8"])
    s = (x.max(axis=2, keepdims=True) - x.min(axis=2, keepdims=True)) / 255
    check_close("vibrance 0.8 vs numpy", ours[..., :3], q(y + (x - y) * (1 + 0.8 * (1 - s))), 1)


def test_posterize(cli, testdata, tmp):
    rgba = load_rgba(testdata, "kodim23.png")
    x = rgba[..., :3].astype(np.float64)
    for n in (2, 3, 8):
        ours = run_cli(cli, tmp, rgba, [f"posterize:levels={n}"])
        check_close(f"posterize {n} levels vs numpy", ours[..., :3], q(q(x * (n - 1) / 255) * 255 / (n - 1)), 0, 0)


def test_equalize_normalize(cli, testdata, tmp):
    for name in PHOTOS:
        rgba = load_rgba(testdata, name)
        ours = run_cli(cli, tmp, rgba, ["equalize"])
        pil = np.asarray(ImageOps.equalize(Image.fromarray(rgba[..., :3].copy())))
        check_close(f"equalize {name} vs PIL ImageOps.equalize", ours[..., :3], pil, 0, 0)
        report(f"equalize {name} keeps alpha", bool((ours[..., 3] == rgba[..., 3]).all()), "")
    for name in PHOTOS[:3]:
        rgba = load_rgba(testdata, name)
        for lo, hi in ((1, 99), (5, 90)):
            ours = run_cli(cli, tmp, rgba, [f"normalize:lowPercentile={lo},highPercentile={hi}"])
            y = q(luma709(rgba[..., :3].astype(np.float64)))
            a, b = np.percentile(y, lo, method="lower"), np.percentile(y, hi, method="higher")
            want = q((rgba[..., :3].astype(np.float64) - a) * 255 / (b - a))
            check_close(f"normalize {lo}..{hi}% {name} vs numpy luma percentiles", ours[..., :3], want, 1)


def test_fusion(cli, testdata, tmp):
    rgba = load_rgba(testdata, "kodim04.png")
    chains = [["brightness:amount=1.2", "contrast:amount=1.3", "saturate:amount=1.5", "gamma:gamma=1.2"],
              ["sepia:amount=0.5", "hue_rotate:degrees=40", "invert:amount=0.2"],
              ["grayscale:amount=0.5", "saturate:amount=3", "contrast:amount=4", "posterize:levels=6", "opacity:amount=0.5"],
              ["vibrance:amount=0.7", "temperature:amount=0.4", "curves:points=0/10/128/140/255/245", "threshold:threshold=90"]]
    for chain in chains:
        fused = run_cli(cli, tmp, rgba, chain)
        seq = rgba
        for step in chain:
            seq = run_cli(cli, tmp, seq, [step])
        check_close(f"fused vs step by step: {' '.join(s.split(':')[0] for s in chain)}", fused, seq, 1, 0.05)


if __name__ == "__main__":
    sys.exit(CHECKS.main((test_css, test_tone, test_curves, test_matrix_ops, test_posterize, test_equalize_normalize,
                          test_fusion), tmp_prefix="pp-color-oracle-"))
