"""Shared pieces of the oracle tests (tests/oracle/test_*.py): the command line (--cli, --testdata),
running the native CLI on a .ppraw image, PASS/FAIL reporting with tolerance checks, photo loading
and premultiplied colour. Every test script stays runnable on its own:
    /usr/bin/python3 test_X.py --cli build/host/src/pixelpipe_native --testdata ../shared/testdata
The .ppraw reader/writer lives in ppraw.py (re-exported here)."""
import argparse
import os
import subprocess
import tempfile

import numpy as np
from PIL import Image

from ppraw import read_ppraw, write_ppraw  # noqa: F401  (re-exported)

# check_close's detail line; {max} {mean} are the measured |diff|, {max_tol} {mean_tol} the bounds.
CLOSE_DETAIL = "max {max:.2f} (<= {max_tol}), mean {mean:.3f} (<= {mean_tol})"


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--testdata", required=True)
    return ap.parse_args()


def _run(cli, tmp, rgba, steps, tag, extra):
    src = os.path.join(tmp, f"{tag}-in.ppraw")
    dst = os.path.join(tmp, f"{tag}-out.ppraw")
    write_ppraw(src, rgba)
    proc = subprocess.run([cli, "run", src, dst, "--format", "raw", *extra, *steps], capture_output=True, text=True)
    return proc, dst


def run_cli(cli, tmp, rgba, steps, tag="run", extra=()):
    """`CLI run TAG-in.ppraw TAG-out.ppraw --format raw EXTRA... STEPS...` on an H x W x 4 uint8 array
    (H x W x 3: opaque); returns the output as H x W x 4 uint8, raises RuntimeError if the CLI fails."""
    proc, dst = _run(cli, tmp, rgba, steps, tag, extra)
    if proc.returncode != 0:
        raise RuntimeError(f"CLI exit {proc.returncode}: {proc.stderr.strip()}")
    return read_ppraw(dst)


def run_cli_error(cli, tmp, rgba, steps, tag, extra=()):
    """Like run_cli, for runs expected to fail: returns (exit code, stripped stderr)."""
    proc, _ = _run(cli, tmp, rgba, steps, tag, extra)
    return proc.returncode, proc.stderr.strip()


def photo_path(testdata, name):
    return os.path.join(testdata, "photos", name)


def load_rgb(testdata, name):
    return np.asarray(Image.open(photo_path(testdata, name)).convert("RGB"))


def load_rgba(testdata, name):
    return np.asarray(Image.open(photo_path(testdata, name)).convert("RGBA"))


def premultiplied(rgba):
    """H x W x 4 float64: colour times alpha/255, alpha unchanged."""
    a = rgba[..., 3:4].astype(np.float64)
    return np.concatenate([rgba[..., :3].astype(np.float64) * a / 255.0, a], axis=2)


class Checks:
    """PASS/FAIL lines of one test script and its exit code.
    name_width: column width of the check names; close_detail: check_close's detail format
    (see CLOSE_DETAIL); same_shape: check_close fails on a shape mismatch instead of comparing."""

    def __init__(self, name_width, close_detail=CLOSE_DETAIL, same_shape=True):
        self.name_width = name_width
        self.close_detail = close_detail
        self.same_shape = same_shape
        self.failures = []

    def report(self, name, ok, detail):
        print(f"{'PASS' if ok else 'FAIL'}  {name:{self.name_width}s} {detail}", flush=True)
        if not ok:
            self.failures.append(name)

    def check_close(self, name, got, want, max_tol, mean_tol, p99_tol=None):
        """|got - want| (8-bit levels) within max_tol and mean_tol (and p99_tol if given)."""
        want = np.asarray(want)
        if self.same_shape and got.shape != want.shape:
            self.report(name, False, f"shape {got.shape} != {want.shape}")
            return
        d = np.abs(got.astype(np.float64) - want.astype(np.float64))
        mx, mean = d.max(), d.mean()
        ok = mx <= max_tol and mean <= mean_tol
        detail = self.close_detail.format(max=mx, mean=mean, max_tol=max_tol, mean_tol=mean_tol)
        if p99_tol is not None:
            p99 = np.percentile(d, 99)
            ok = ok and p99 <= p99_tol
            detail += f", p99 {p99:.1f} (<= {p99_tol})"
        self.report(name, ok, detail)

    def main(self, tests, tmp_prefix):
        """Run each test(cli, testdata, tmp) in one temporary directory; a crash or CLI error fails
        that group and the others still run. Returns the exit code (1 on any failure)."""
        args = parse_args()
        with tempfile.TemporaryDirectory(prefix=tmp_prefix) as tmp:
            for test in tests:
                try:
                    test(args.cli, args.testdata, tmp)
                except Exception as e:
                    self.report(test.__name__, False, f"{type(e).__name__}: {e}")
        print(f"{len(self.failures)} failure(s)")
        return 1 if self.failures else 0
