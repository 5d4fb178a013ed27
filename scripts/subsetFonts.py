#!/usr/bin/env python3
"""Build the CJK font subsets that Tarsier ships in resources/fonts/.

Why: the case report is exported as PDF (pdfkit), and PDF viewers do not supply
Chinese glyphs for fonts that are not embedded. Tarsier is offline, so it must
ship its own CJK font; nothing may be fetched at run time. The full Noto Sans
CJK collection is ~19 MB per weight, so we cut out the two faces we use and keep
only the characters a Chinese support report needs:

  NotoSansSC-Subset.otf       "Noto Sans CJK SC"       prose
  NotoSansMonoSC-Subset.otf   "Noto Sans Mono CJK SC"  evidence lines (half-width
                                                       Latin, full-width CJK)
  NotoSansSC-Bold-Subset.otf  "Noto Sans CJK SC" Bold  headings; written only
                                                       while all fonts together
                                                       stay under 12 MB

Coverage (see RANGES, gb2312_chars and repo_chars below): Basic Latin, Latin-1
Supplement, Latin Extended-A, General Punctuation, Arrows, Box Drawing,
Geometric Shapes, CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms,
U+2713 ✓, every character of GB2312 (all 6763 hanzi plus its symbol rows), and every
non-ASCII character found in the repo's own text (resources/**/*.json,
src/renderer/src/i18n/*.ts(x), test/fixtures/**/*.ts, ../shared/seeds/**), so
our UI strings and the generated test bundles' Chinese log lines always render.

The cmap is kept (pdfkit builds the PDF's ToUnicode map from it, so text can be
copied and searched), as are the glyph names. Hinting is dropped, vertical
metrics are dropped, and of the OpenType layout features only 'kern' is kept.
Output is byte-for-byte reproducible for the same inputs (head.modified is
kept from the source font).

Source: Debian package fonts-noto-cjk (SIL Open Font License 1.1; see
resources/fonts/OFL.txt). Rerun after changing Chinese strings or seeds:

    apt-get install -y fonts-noto-cjk python3-fonttools
    /usr/bin/python3 scripts/subsetFonts.py

(/usr/bin/python3 so that Debian's fontTools is found even when another
python3 comes first on PATH; any python3 with `pip install fonttools` works too.)
"""

import re
import sys
import unicodedata
from pathlib import Path

try:
    from fontTools import subset
    from fontTools.ttLib import TTCollection
except ImportError:
    sys.exit('fontTools not found: apt-get install -y python3-fonttools, then run with /usr/bin/python3')

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / 'resources' / 'fonts'
NOTO_DIR = Path('/usr/share/fonts/opentype/noto')
MAX_TOTAL_BYTES = 12 * 1024 * 1024  # the bold face is shipped only below this

# (source collection, face's family name in the name table, output file)
REGULAR = (NOTO_DIR / 'NotoSansCJK-Regular.ttc', 'Noto Sans CJK SC', 'NotoSansSC-Subset.otf')
MONO = (NOTO_DIR / 'NotoSansCJK-Regular.ttc', 'Noto Sans Mono CJK SC', 'NotoSansMonoSC-Subset.otf')
BOLD = (NOTO_DIR / 'NotoSansCJK-Bold.ttc', 'Noto Sans CJK SC', 'NotoSansSC-Bold-Subset.otf')

RANGES = [
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x2000, 0x206F),  # General Punctuation
    (0x2190, 0x21FF),  # Arrows
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

# U+2713 CHECK MARK: the fonts have no emoji, so the report can draw the ✅ of
# resources/triage.json as ✓ (and ❌ as U+00D7 ×, already in Latin-1).
EXTRAS = [0x2713]


def gb2312_chars():
    """Every character of GB2312: decode each two-byte code (both bytes 0xA1-0xFE)."""
    chars = set()
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode('gb2312'))
            except UnicodeDecodeError:
                pass  # unassigned code
    return chars


def repo_text_files():
    globs = [
        (ROOT / 'resources', '**/*.json'),
        (ROOT / 'src/renderer/src/i18n', '*.ts'),
        (ROOT / 'src/renderer/src/i18n', '*.tsx'),
        (ROOT / 'test/fixtures', '**/*.ts'),
        (ROOT.parent / 'shared/seeds', '**/*'),
    ]
    for base, pattern in globs:
        if base.is_dir():
            yield from sorted(p for p in base.glob(pattern) if p.is_file())


ESCAPE = re.compile(r'\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})')


def repo_chars():
    """Non-ASCII characters in our own text, written literally or as \\uXXXX / \\u{...} escapes."""
    chars = set()
    for path in repo_text_files():
        try:
            text = path.read_text(encoding='utf-8')
        except (OSError, UnicodeDecodeError):
            continue  # unreadable or not UTF-8 text
        chars.update(text)
        for m in ESCAPE.finditer(text):
            cp = int(m.group(1) or m.group(2), 16)
            if cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF:
                chars.add(chr(cp))
    # Drop ASCII and what no font draws: controls, format chars (BOM, ZWJ...), surrogates, private use.
    return {c for c in chars if ord(c) > 0x7E and unicodedata.category(c) not in ('Cc', 'Cf', 'Cs', 'Co', 'Cn')}


def wanted_codepoints():
    cps = set()
    for first, last in RANGES:
        cps.update(range(first, last + 1))
    cps.update(EXTRAS)
    cps.update(ord(c) for c in gb2312_chars())
    cps.update(ord(c) for c in repo_chars())
    return cps


def load_face(ttc_path, family):
    for font in TTCollection(str(ttc_path)).fonts:
        if font['name'].getDebugName(1) == family:
            return font
    sys.exit(f'{ttc_path}: no face named {family!r}')


def subset_face(ttc_path, family, out_path, codepoints):
    font = load_face(ttc_path, family)
    options = subset.Options()
    options.layout_features = ['kern']   # Latin kerning only; no ligatures, vertical or CJK width features
    options.hinting = False              # CFF hints off: smaller, and PDF viewers rasterize well without
    options.glyph_names = True           # keep names (and the cmap) so text extraction works
    options.name_IDs = ['*']             # keep copyright, licence and credit strings (OFL condition 2)
    options.notdef_outline = True        # missing characters draw the font's .notdef box, not nothing
    options.drop_tables += ['vhea', 'vmtx', 'VORG', 'BASE']  # horizontal text only
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.recalcTimestamp = False         # keep head.modified from the source: reruns are byte-identical
    font.save(str(out_path), reorderTables=True)


def format_ranges(cps):
    """[0x41, 0x42, 0x43, 0x45] -> ['U+0041-0043', 'U+0045']"""
    out = []
    for cp in cps:
        if out and cp == out[-1][1] + 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return [f'U+{a:04X}' if a == b else f'U+{a:04X}-{b:04X}' for a, b in out]


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    codepoints = wanted_codepoints()
    source_cmap = load_face(*REGULAR[:2]).getBestCmap()
    missing = sorted(cp for cp in codepoints if cp not in source_cmap and cp > 0x7E
                     and unicodedata.category(chr(cp)) not in ('Cc', 'Cf', 'Cn'))
    print(f'{len(codepoints)} code points requested; {len(missing)} printable ones are not in the source font:')
    print('  ' + ' '.join(format_ranges(missing)))

    written = []
    for ttc, family, name in (REGULAR, MONO, BOLD):
        out = OUT_DIR / name
        subset_face(ttc, family, out, codepoints)
        written.append(out)

    total = sum(p.stat().st_size for p in OUT_DIR.iterdir() if p.is_file())
    if total >= MAX_TOTAL_BYTES:
        bold = OUT_DIR / BOLD[2]
        bold.unlink()
        written.remove(bold)
        print(f'fonts total {total} bytes >= {MAX_TOTAL_BYTES}: bold face skipped (use faux bold)')
    for p in written:
        print(f'{p.relative_to(ROOT)}: {p.stat().st_size} bytes')


if __name__ == '__main__':
    main()
