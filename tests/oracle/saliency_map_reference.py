#!/usr/bin/python3
"""The reference for analyzeImage's composition.saliencyMap, used by
tests/integration/saliency-map.test.js (not a ctest script: no test_ prefix).

For each image path on the command line: Pillow decodes it (EXIF orientation applied, no colour
management, as the test calls analyzeImage with colorManagement: 'ignore'), numpy makes the small
luma copy from the README's definition (luma = round(0.2126 R + 0.7152 G + 0.0722 B); f =
ceil(long side / 64), at most the short side; floor(w / f) x floor(h / f) blocks of f x f, centred,
each the rounded mean) and OpenCV's StaticSaliencySpectralResidual computes the map on it.
Prints JSON: [{ "width", "height", "map": [row-major floats] }] in argument order.
Run with Debian's python3 (numpy, Pillow, python3-opencv)."""
import json
import sys

import cv2
import numpy as np
from PIL import Image, ImageOps


def luma8(rgb):
    r, g, b = (rgb[..., i].astype(np.int64) for i in range(3))
    return (2126 * r + 7152 * g + 722 * b + 5000) // 10000


def small_luma(rgb, side=64):
    h, w = rgb.shape[:2]
    f = min(-(-max(w, h) // side), w, h)
    sw, sh = w // f, h // f
    ox, oy = (w - sw * f) // 2, (h - sh * f) // 2
    y = luma8(rgb)[oy:oy + sh * f, ox:ox + sw * f]
    sums = y.reshape(sh, f, sw, f).sum(axis=(1, 3))
    n = f * f
    return ((sums + n // 2) // n).astype(np.uint8)


def reference(path):
    rgb = np.asarray(ImageOps.exif_transpose(Image.open(path)).convert("RGB"))
    small = small_luma(rgb)
    sr = cv2.saliency.StaticSaliencySpectralResidual_create()
    sr.setImageWidth(small.shape[1])
    sr.setImageHeight(small.shape[0])
    ok, sal = sr.computeSaliency(small)
    if not ok:
        raise RuntimeError(f"cv2 saliency failed on {path}")
    return {"width": small.shape[1], "height": small.shape[0], "map": sal.astype(float).ravel().tolist()}


if __name__ == "__main__":
    print(json.dumps([reference(p) for p in sys.argv[1:]]))
