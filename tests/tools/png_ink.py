#!/usr/bin/env python3
"""png_ink.py PNG MIN_FRACTION: decode an 8-bit RGB/RGBA non-interlaced PNG
(what Chromium writes; standard library only) and exit 1 unless more than
MIN_FRACTION of its pixels are ink (any channel below 240), so a blank
render fails.  Prints the size and the ink found."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat = 8, []
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4])
        typ, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b'IHDR':
            w, h, depth, ctype, _, _, inter = struct.unpack('>IIBBBBB', body)
        elif typ == b'IDAT':
            idat.append(body)
    assert depth == 8 and ctype in (2, 6) and inter == 0, (depth, ctype, inter)
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(b''.join(idat)), w * bpp
    prev, i, rows = bytearray(stride), 0, []
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    w, h, bpp, rows = pixels(sys.argv[1])
    ink = sum(1 for row in rows for x in range(0, len(row), bpp)
              if row[x] < 240 or row[x + 1] < 240 or row[x + 2] < 240)
    frac = ink / (w * h)
    print('%s: %dx%d, %.1f%% ink' % (sys.argv[1], w, h, 100 * frac))
    return 0 if frac > float(sys.argv[2]) else 1


if __name__ == '__main__':
    sys.exit(main())
