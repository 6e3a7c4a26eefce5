"""Read/write .ppraw files (see .notes/CONTRACTS.md): b'PPRAW001', uint32 LE width, uint32 LE height,
then width*height*4 RGBA8 bytes, row-major."""
import struct

import numpy as np

MAGIC = b"PPRAW001"


def read_ppraw(path):
    """Return an H x W x 4 uint8 numpy array."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != MAGIC:
        raise ValueError(f"{path}: not a .ppraw file (magic {data[:8]!r})")
    width, height = struct.unpack_from("<II", data, 8)
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16)
    if pixels.size != width * height * 4:
        raise ValueError(f"{path}: {pixels.size} pixel bytes, expected {width * height * 4}")
    return pixels.reshape(height, width, 4).copy()


def write_ppraw(path, array):
    """Write an H x W x 4 uint8 array (RGB arrays get an opaque alpha channel)."""
    a = np.asarray(array, dtype=np.uint8)
    if a.ndim == 3 and a.shape[2] == 3:
        a = np.dstack([a, np.full(a.shape[:2], 255, np.uint8)])
    if a.ndim != 3 or a.shape[2] != 4:
        raise ValueError(f"expected H x W x 4 (or 3), got {a.shape}")
    h, w = a.shape[:2]
    with open(path, "wb") as f:
        f.write(MAGIC + struct.pack("<II", w, h) + np.ascontiguousarray(a).tobytes())
