"""Draw Kindling's toolbar icons (a small flame on an ember disc) as PNGs.

Run once when the design changes: python3 tools/icons.py. Pure standard
library, so it needs nothing installed."""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extension" / "icons"
EMBER = (232, 89, 12)
GLOW = (255, 212, 59)


def inside_flame(x, y):
    # A teardrop: a circle at the bottom pulled up to a point.
    cx, cy, r = 0.5, 0.62, 0.2
    if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
        return True
    if cy - 0.42 <= y <= cy:
        t = (cy - y) / 0.42
        half = r * (1 - t) ** 1.3 * math.cos(t * 0.9)
        bend = 0.05 * math.sin(t * math.pi)
        return abs(x - cx - bend) <= half
    return False


def pixel(size, px, py):
    samples = 4
    disc = flame = 0
    for sy in range(samples):
        for sx in range(samples):
            x = (px + (sx + 0.5) / samples) / size
            y = (py + (sy + 0.5) / samples) / size
            if (x - 0.5) ** 2 + (y - 0.5) ** 2 <= 0.25:
                disc += 1
                flame += inside_flame(x, y)
    n = samples * samples
    if disc == 0:
        return (0, 0, 0, 0)
    f = flame / max(disc, 1)
    rgb = tuple(round(e * (1 - f) + g * f) for e, g in zip(EMBER, GLOW))
    return (*rgb, round(255 * disc / n))


def png(size):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(size, x, y)) for x in range(size)) for y in range(size)
    )
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
