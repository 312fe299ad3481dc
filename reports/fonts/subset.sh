#!/usr/bin/env bash
# Rebuilds the fonts embedded in drillsim-reports.
#
# - DejaVuSans.ttf: copied unchanged from Debian's fonts-dejavu-core (Latin,
#   Greek, Cyrillic, arrows, the symbols charts use). Bitstream Vera licence.
# - wqy-microhei-gb2312.ttf: WenQuanYi Micro Hei (Debian fonts-wqy-microhei,
#   Apache-2.0) subset to the 3,755 level-1 hanzi of GB 2312 plus ASCII,
#   CJK punctuation and full-width forms, hinting dropped. Level 1 covers the
#   common characters of place and team names; the full font is 5 MB, the
#   subset is about 0.7 MB.
#
# Needs: fonts-dejavu-core, fonts-wqy-microhei (.ci/install-deps), and
# fonttools (pip install fonttools) for pyftsubset.
set -euo pipefail
cd "$(dirname "$0")"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf DejaVuSans.ttf
# GB 2312 level 1: rows 0xB0-0xD7, cells 0xA1-0xFE (row 0xD7 ends at 0xF9).
python3 - > gb2312-level1.txt <<'PY'
import sys
out = []
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        if hi == 0xD7 and lo > 0xF9:
            break
        out.append(bytes([hi, lo]).decode("gb2312"))
sys.stdout.write("".join(out) + "\n")
PY
pyftsubset /usr/share/fonts/truetype/wqy/wqy-microhei.ttc \
  --font-number=0 \
  --text-file=gb2312-level1.txt \
  --unicodes="U+0020-007E,U+00A0-00FF,U+0391-03C9,U+2010-203A,U+2070-209F,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+3000-303F,U+FF01-FF5E" \
  --no-hinting --desubroutinize \
  --layout-features='' \
  --output-file=wqy-microhei-gb2312.ttf
rm gb2312-level1.txt
ls -l DejaVuSans.ttf wqy-microhei-gb2312.ttf
