"""Regenerates the two Unicode tables the password checks read.

Run with the CPython whose Unicode version the tables should follow (3.11 = Unicode 14.0):
    python3 generate_unicode_tables.py ../../../main/resources/org/authnz/internal/password

case-folding.txt: one line per code point whose full case folding (str.casefold) differs from
itself: "<hex code point>;<hex code points of the folding, space-separated>".
digits.txt: inclusive ranges "<hex first>..<hex last>" of the code points for which
str.isdigit() holds (Unicode Numeric_Type Decimal or Digit).
"""

import os
import sys
import unicodedata


def code_points():
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        yield cp


def main(out_dir):
    header = "# Generated from Unicode %s (CPython %d.%d); do not edit.\n" % (
        unicodedata.unidata_version, sys.version_info[0], sys.version_info[1])
    with open(os.path.join(out_dir, "case-folding.txt"), "w", encoding="ascii", newline="\n") as out:
        out.write(header)
        for cp in code_points():
            folded = chr(cp).casefold()
            if folded != chr(cp):
                out.write("%04X;%s\n" % (cp, " ".join("%04X" % ord(c) for c in folded)))
    with open(os.path.join(out_dir, "digits.txt"), "w", encoding="ascii", newline="\n") as out:
        out.write(header)
        start = None
        for cp in list(code_points()) + [0x110000]:
            is_digit = cp < 0x110000 and chr(cp).isdigit()
            if is_digit and start is None:
                start = cp
            elif not is_digit and start is not None:
                out.write("%04X..%04X\n" % (start, cp - 1))
                start = None


if __name__ == "__main__":
    main(sys.argv[1])
