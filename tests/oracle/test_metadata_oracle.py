#!/usr/bin/python3
"""Export metadata oracle (stripMetadata false, keepIccProfile): `pixelpipe_native run FILE OUT`
with the output options processForExport sends, read back by Pillow 9.4 (its own EXIF/TIFF
reader, PNG eXIf/iTXt, JPEG APP1, WebP mux) and Little CMS through Pillow's ImageCms.

    test_metadata_oracle.py --cli build/host/src/pixelpipe_native --testdata ../shared/testdata

- EXIF: the 8 orientation photos (Landscape_1 little-endian, 2-8 big-endian) and Pillow-written
  sources with Make/Model/DateTime: the output reports Orientation 1, every other IFD0 and Exif
  IFD tag equal to the source's, PixelXDimension/PixelYDimension equal to the output size; jpeg,
  png and webp; the default (stripMetadata true) writes no EXIF.
- XMP: a packet written by Pillow (PNG iTXt, compressed and not; zTXt) comes out byte-identical in
  jpeg (APP1), png (iTXt) and webp (XMP chunk).
- ICC: a photo converted by Little CMS into Adobe RGB (1998) (Debian libgs-common's a98.icc) with
  the profile embedded: keepIccProfile gives back that profile, and converting the output to sRGB
  with Little CMS matches our sRGB decode within +-2 on 99 % of samples ('convert'); with
  'preserve' the pixels are exactly the stored ones. A CMYK source keeps sRGB with a warning;
  iccProfile 'p3' wins over keepIccProfile.
"""
import io
import os
import subprocess
import sys

import numpy as np
from PIL import Image, ImageCms

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_common import Checks  # noqa: E402

checks = Checks(62)

# What the JS format catalogue sends by default (the registry has no C++ defaults).
FORMAT_OPTS = {
    "png": {"compressionLevel": 2, "palette": "false", "colors": 256, "dither": 0, "interlace": "false", "dpi": 0},
    "jpeg": {"quality": 100, "chromaSubsampling": "4:4:4", "progressive": "false", "optimizeCoding": "true", "dpi": 0,
             "background": "255/255/255/255"},
    "webp": {"quality": 100, "lossless": "true", "effort": 4},
}
A98 = "/usr/share/color/icc/ghostscript/a98.icc"
XMP = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""'
       ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>pixelpipe oracle \u00e9</dc:creator>'
       '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


def run(cli, src, dst, fmt, opts=None, steps=(), cm=None):
    args = [cli, "run", src, dst, "--format", fmt]
    for k, v in {**FORMAT_OPTS[fmt], **(opts or {})}.items():
        args += ["--opt", f"{k}={v}"]
    if cm:
        args += ["--color-management", cm]
    proc = subprocess.run([*args, *steps], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"CLI exit {proc.returncode}: {proc.stderr.strip()}")
    return proc.stderr


def exif_tags(im):
    """IFD0 and Exif IFD as dicts (MakerNote and the IFD pointers left out: their offsets move)."""
    e = im.getexif()
    ifd0 = {k: v for k, v in e.items() if k not in (0x8769, 0x8825)}
    exif = {k: v for k, v in e.get_ifd(0x8769).items() if k != 0x927C}
    return ifd0, exif


def check_exif_copy(name, src_im, out_path, size):
    out = Image.open(out_path)
    s0, sx = exif_tags(src_im)
    o0, ox = exif_tags(out)
    rest0 = {k: v for k, v in s0.items() if k != 0x0112}
    restx = {k: v for k, v in sx.items() if k not in (0xA002, 0xA003)}
    ok = (o0.get(0x0112) == (1 if 0x0112 in s0 else None) and {k: v for k, v in o0.items() if k != 0x0112} == rest0
          and {k: v for k, v in ox.items() if k not in (0xA002, 0xA003)} == restx and out.size == size
          and (0xA002 not in sx or (ox.get(0xA002), ox.get(0xA003)) == size))
    checks.report(name, ok, f"orientation {s0.get(0x0112)} -> {o0.get(0x0112)}, {len(rest0)}+{len(restx)} tags kept: "
                  f"{ok}, PixelX/YDimension {sx.get(0xA002)}x{sx.get(0xA003)} -> {ox.get(0xA002)}x{ox.get(0xA003)}, size {out.size}")


def test_orientation_photos(cli, testdata, tmp):
    for n in range(1, 9):
        src = os.path.join(testdata, "formats", "exif_orientation", f"Landscape_{n}.jpg")
        im = Image.open(src)
        upright = im.size if n < 5 else im.size[::-1]
        dst = os.path.join(tmp, f"o{n}.jpg")
        run(cli, src, dst, "jpeg", {"stripMetadata": "false"})
        check_exif_copy(f"Landscape_{n} ({im.info['exif'][6:8].decode()}) jpeg", im, dst, upright)
    src = os.path.join(testdata, "formats", "exif_orientation", "Landscape_6.jpg")
    for fmt in ("png", "webp"):
        dst = os.path.join(tmp, f"o6.{fmt}")
        run(cli, src, dst, fmt, {"stripMetadata": "false"})
        check_exif_copy(f"Landscape_6 {fmt}", Image.open(src), dst, (600, 450))
    dst = os.path.join(tmp, "strip.jpg")
    run(cli, src, dst, "jpeg")
    checks.report("default strips EXIF", "exif" not in Image.open(dst).info, "no APP1 Exif in the output")


def test_camera_tags(cli, testdata, tmp):
    # Pillow writes the source (little-endian TIFF) with the tags a camera sets.
    base = Image.open(os.path.join(testdata, "formats", "exif_orientation", "Landscape_6.jpg"))
    exif = Image.Exif()
    exif.update({0x010F: "PixelCam", 0x0110: "PC-1 Mark II", 0x0132: "2024:05:06 07:08:09", 0x0112: 6,
                 0x0131: "pillow", 0x8298: "(c) test"})
    exif.get_ifd(0x8769).update({0x9003: "2024:05:06 07:08:09", 0xA002: 600, 0xA003: 450, 0x829A: (1, 250)})
    src = os.path.join(tmp, "camera.jpg")
    Image.frombytes("RGB", base.size, base.tobytes()).save(src, quality=95, exif=exif.tobytes())
    src_im = Image.open(src)
    for fmt in ("jpeg", "png", "webp"):
        dst = os.path.join(tmp, f"camera.{fmt}")
        run(cli, src, dst, fmt, {"stripMetadata": "false"}, ["resize:width=300,height=0,fit=inside"])
        check_exif_copy(f"Pillow EXIF (Make/Model/DateTime) resized {fmt}", src_im, dst, (300, 225))
    camera = Image.open(os.path.join(tmp, "camera.png")).getexif()
    checks.report("Make/Model/DateTime read back", (camera.get(0x010F), camera.get(0x0110), camera.get(0x0132))
                  == ("PixelCam", "PC-1 Mark II", "2024:05:06 07:08:09"), f"{camera.get(0x010F)!r} {camera.get(0x0110)!r}")


def xmp_of(path):
    im = Image.open(path)
    if im.format == "JPEG":
        for marker, body in im.applist:
            if marker == "APP1" and body.startswith(b"http://ns.adobe.com/xap/1.0/\0"):
                return body[29:].decode("utf-8")
        return None
    if im.format == "PNG":
        return im.info.get("XML:com.adobe.xmp")
    x = im.info.get("xmp")
    return x.decode("utf-8") if isinstance(x, bytes) else x


def test_xmp(cli, testdata, tmp):
    from PIL.PngImagePlugin import PngInfo
    base = Image.open(os.path.join(testdata, "photos", "kodim23.png")).convert("RGB").resize((192, 128))
    # iTXt as the XMP specification says, plain and compressed; zTXt as libvips writes it.
    for kind in ("iTXt", "compressed iTXt", "zTXt"):
        info = PngInfo()
        if kind == "zTXt":
            info.add_text("XML:com.adobe.xmp", XMP.encode("utf-8").decode("latin-1"), zip=True)
        else:
            info.add_itxt("XML:com.adobe.xmp", XMP, zip=kind != "iTXt")
        src = os.path.join(tmp, "xmp.png")
        base.save(src, pnginfo=info)
        for fmt in ("jpeg", "png", "webp"):
            dst = os.path.join(tmp, f"xmp.{fmt}")
            run(cli, src, dst, fmt, {"stripMetadata": "false"})
            got = xmp_of(dst)
            checks.report(f"XMP ({kind}) -> {fmt}", got == XMP, f"{len(got or '')} chars, identical: {got == XMP}")


def srgb_of(path):
    """The file's pixels converted to sRGB by Little CMS (Pillow ImageCms), as an H x W x 3 array."""
    im = Image.open(path).convert("RGB")
    icc = im.info.get("icc_profile") or Image.open(path).info.get("icc_profile")
    src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return np.asarray(ImageCms.profileToProfile(im, src, ImageCms.createProfile("sRGB"), outputMode="RGB"))


def test_keep_icc(cli, testdata, tmp):
    a98 = open(A98, "rb").read()
    photo = Image.open(os.path.join(testdata, "photos", "kodim23.png")).convert("RGB")
    wide = ImageCms.profileToProfile(photo, ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(A98), outputMode="RGB")
    src = os.path.join(tmp, "a98.png")
    wide.save(src, icc_profile=a98)
    ref = os.path.join(tmp, "a98-srgb.png")
    run(cli, src, ref, "png")  # our own sRGB decode (checked against sharp/Pillow by the colour tests)
    ours_srgb = np.asarray(Image.open(ref).convert("RGB")).astype(int)
    for fmt in ("png", "webp", "jpeg"):
        dst = os.path.join(tmp, f"keep.{fmt}")
        run(cli, src, dst, fmt, {"keepIccProfile": "true"})
        kept = Image.open(dst).info.get("icc_profile")
        back = srgb_of(dst).astype(int)
        share = float(np.mean(np.abs(back - ours_srgb) <= (3 if fmt == "jpeg" else 2)))
        checks.report(f"keepIccProfile convert {fmt}: a98 profile, sRGB within tol", kept == a98 and share >= 0.99,
                      f"profile identical: {kept == a98}, {share * 100:.2f} % within (>= 99 %)")
    dst = os.path.join(tmp, "keep-preserve.png")
    run(cli, src, dst, "png", {"keepIccProfile": "true"}, cm="preserve")
    out = Image.open(dst)
    same = np.array_equal(np.asarray(out.convert("RGB")), np.asarray(wide))
    checks.report("keepIccProfile preserve png: stored pixels, a98 profile", same and out.info.get("icc_profile") == a98,
                  f"pixels identical: {same}")
    dst = os.path.join(tmp, "p3-wins.png")
    run(cli, src, dst, "png", {"keepIccProfile": "true", "iccProfile": "p3"})
    desc = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(Image.open(dst).info["icc_profile"])))
    checks.report("iccProfile p3 wins over keepIccProfile", "Display P3" in desc, desc.strip())
    cmyk = os.path.join(testdata, "formats", "jpeg_ycck_adobe_icc_restart.jpg")
    dst = os.path.join(tmp, "cmyk.png")
    err = run(cli, cmyk, dst, "png", {"keepIccProfile": "true"})
    out = Image.open(dst)
    checks.report("keepIccProfile on a CMYK source: sRGB + warning", "icc_profile" not in out.info and "CMYK" in err
                  and "srgb" in out.info, err.strip().splitlines()[-1] if err.strip() else "no warning")


def test_oversized_and_garbage(cli, testdata, tmp):
    # A PNG whose eXIf is not TIFF, and one over the 1 MB EXIF cap: decoded fine, nothing copied.
    base = Image.new("RGB", (8, 8), (10, 20, 30))
    for name, exif in (("garbage", b"not a tiff block at all"), ("oversized", b"MM\0*\0\0\0\x08" + bytes(1 << 20))):
        src = os.path.join(tmp, f"{name}.png")
        base.save(src, exif=exif)
        dst = os.path.join(tmp, f"{name}-out.png")
        err = run(cli, src, dst, "png", {"stripMetadata": "false"})
        checks.report(f"{name} eXIf: decoded, not copied, warned", "exif" not in Image.open(dst).info and "EXIF ignored" in err,
                      err.strip().splitlines()[-1] if err.strip() else "no warning")


if __name__ == "__main__":
    sys.exit(checks.main([test_orientation_photos, test_camera_tags, test_xmp, test_keep_icc, test_oversized_and_garbage],
                         "pp-metadata-"))
