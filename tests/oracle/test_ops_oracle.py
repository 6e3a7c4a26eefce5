#!/usr/bin/python3
"""Oracle test: the native CLI's resize / gaussian_blur / grayscale against Pillow, OpenCV and
scikit-image on real photos (PNG, so the input pixels are identical: they go in as .ppraw).
Run with Debian's python3: /usr/bin/python3 test_ops_oracle.py --cli PATH --testdata DIR
Tolerances (8-bit levels) and why are in README.md next to this file."""
import math
import os
import sys

import cv2
import numpy as np
from PIL import Image
from skimage.color import rgb2gray

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_common import Checks, photo_path, premultiplied, run_cli  # noqa: E402

CHECKS = Checks(name_width=58)
report, check_close = CHECKS.report, CHECKS.check_close


def load(testdata, name):
    im = Image.open(photo_path(testdata, name))
    return im.convert("RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB")


def test_resize(cli, testdata, tmp):
    # Pillow: Image.resize(LANCZOS) = ImagingResample with the Lanczos3 kernel stretched by the
    # downscale factor; RGBA is premultiplied internally (RGBa) like ours. Our resize box-shrinks
    # first by floor(in/out/2) (src/ops/resize.cpp), which is Pillow's reducing_gap=2.0.
    cases = [("astronaut.png", 200, 150), ("coffee.png", 257, 191), ("kodim23.png", 1001, 667),
             ("kodim04.png", 96, 512), ("camera.png", 512, 100), ("spider_web.png", 1000, 669),
             ("anemone_red.png", 250, 217), ("anemone_red.png", 901, 780)]
    for name, w, h in cases:
        im = load(testdata, name)
        ours = run_cli(cli, tmp, np.asarray(im.convert("RGBA")), [f"resize:width={w},height={h},fit=fill"], "resize")
        pil = np.asarray(im.resize((w, h), Image.LANCZOS, reducing_gap=2.0))
        label = f"resize {name} {im.size[0]}x{im.size[1]} -> {w}x{h} vs PIL LANCZOS"
        if im.mode == "RGB":
            check_close(label, ours[..., :3], pil, max_tol=2, mean_tol=0.3)
            report(label + " (alpha)", bool((ours[..., 3] == 255).all()), "opaque stays opaque")
        else:
            # Colour of nearly transparent pixels is ill-defined (Pillow quantises the premultiplied
            # values to 8 bits); compare premultiplied colour and alpha instead.
            check_close(label + " (premultiplied)", premultiplied(ours), premultiplied(pil), max_tol=3, mean_tol=0.3)


def test_gaussian_blur(cli, testdata, tmp):
    # OpenCV: ksize = 2*ceil(3 sigma)+1 (our radius), BORDER_REPLICATE (our repeat_edge).
    cases = [("astronaut.png", 0.8), ("coffee.png", 2.0), ("kodim04.png", 5.0), ("camera.png", 12.0),
             ("kodim23.png", 30.0)]
    for name, sigma in cases:
        rgb = np.asarray(load(testdata, name).convert("RGB"))
        ours = run_cli(cli, tmp, rgb, [f"gaussian_blur:sigma={sigma}"], "blur")
        k = 2 * math.ceil(3 * sigma) + 1
        cv = cv2.GaussianBlur(rgb, (k, k), sigma, borderType=cv2.BORDER_REPLICATE)
        # Above kExactGaussianMaxSigma (10, src/ops/filters.h) the blur is three box blurs:
        # its stated accuracy against the exact kernel is max 5 / mean 0.7 levels.
        exact = sigma <= 10
        check_close(f"gaussian_blur {name} sigma {sigma} vs cv2.GaussianBlur" + ("" if exact else " (box approximation)"),
                    ours[..., :3], cv, max_tol=1 if exact else 5, mean_tol=0.1 if exact else 0.7)
    # RGBA: premultiplied in float through OpenCV (its uint8 path is not alpha-aware). Our output
    # is straight 8-bit colour, so re-premultiplying it carries up to 0.5*a/255 rounding: mean <= 0.25.
    rgba = np.asarray(load(testdata, "anemone_red.png"))
    for sigma in (1.5, 6.0):
        ours = run_cli(cli, tmp, rgba, [f"gaussian_blur:sigma={sigma}"], "blur")
        k = 2 * math.ceil(3 * sigma) + 1
        cv = cv2.GaussianBlur(premultiplied(rgba).astype(np.float32), (k, k), sigma, borderType=cv2.BORDER_REPLICATE)
        check_close(f"gaussian_blur anemone_red.png (RGBA) sigma {sigma} premultiplied vs cv2 float",
                    premultiplied(ours), cv.astype(np.float64), max_tol=1, mean_tol=0.25)


def test_grayscale(cli, testdata, tmp):
    # skimage rgb2gray: Y = 0.2125 R + 0.7154 G + 0.0721 B on the encoded values (ours: 0.2126,
    # 0.7152, 0.0722, Rec.709; the two differ by < 0.05 levels).
    for name in ("astronaut.png", "coffee.png", "kodim04.png", "kodim23.png", "anemone_red.png", "spider_web.png"):
        rgba = np.asarray(load(testdata, name).convert("RGBA"))
        ours = run_cli(cli, tmp, rgba, ["grayscale"], "gray")
        want = np.round(rgb2gray(rgba[..., :3]) * 255.0)
        check_close(f"grayscale {name} vs skimage rgb2gray", ours[..., 0], want, max_tol=1, mean_tol=0.1)
        same = bool((ours[..., 0] == ours[..., 1]).all() and (ours[..., 1] == ours[..., 2]).all())
        report(f"grayscale {name} R=G=B, alpha kept", same and bool((ours[..., 3] == rgba[..., 3]).all()), "")


def test_fit_sizes(cli, testdata, tmp):
    # Output sizes of the fit modes (sharp semantics) on a 600x400 photo, plus the letterbox fill.
    rgb = np.asarray(load(testdata, "coffee.png").convert("RGB"))
    expected = {"contain": (300, 300), "cover": (300, 300), "fill": (300, 300), "inside": (300, 200),
                "outside": (450, 300)}
    for fit, (w, h) in expected.items():
        out = run_cli(cli, tmp, rgb, [f"resize:width=300,height=300,fit={fit},background=10/20/30/255"], "fit")
        ok = out.shape[1] == w and out.shape[0] == h
        if fit == "contain":  # 300x200 content centred: rows 0..49 and 250..299 are background
            ok = ok and bool((out[:50] == [10, 20, 30, 255]).all() and (out[250:] == [10, 20, 30, 255]).all())
        report(f"resize coffee.png 600x400 fit={fit} 300x300", ok, f"got {out.shape[1]}x{out.shape[0]}, want {w}x{h}")


if __name__ == "__main__":
    sys.exit(CHECKS.main((test_resize, test_gaussian_blur, test_grayscale, test_fit_sizes), tmp_prefix="pp-oracle-"))
