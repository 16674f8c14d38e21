"""The letter's own fonts: Noto Serif CJK SC cut down to the characters of GB 2312.

Why: WeasyPrint keeps each embedded CJK face's glyph ids, so every face it embeds from the
system's Noto Serif CJK (65,535 glyphs) costs ~140 KB and ~30–45 ms however few characters the
page uses. A face of ~8,000 glyphs (GB 2312's 6,763 hanzi, ASCII, CJK and full-width punctuation)
costs a fraction of that, in time and in size. Characters outside it (a rare character in an
enterprise's name) still print: the CSS falls back to the full system font for them.

The subsets are built once with fontTools (about 20 s per weight) into
``$PORTAL_VAR_DIR/cache/letter-fonts/`` and reused by every process; a failed build falls back to
the system fonts (slower and larger, never wrong).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

FAMILY = "Letter Serif SC"
SOURCE_FAMILY = "Noto Serif CJK SC"
WEIGHTS = {400: "Regular", 700: "Bold"}
VERSION = "2"  # bump to rebuild the cached subsets


def _gb2312_characters() -> set[int]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def letter_characters() -> set[int]:
    """GB 2312 plus ASCII, general and CJK punctuation, full-width forms, × and ·."""
    chars = _gb2312_characters()
    chars |= set(range(0x20, 0x7F)) | set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040))
    chars |= set(range(0xFF00, 0xFFF0)) | {0xA0, 0xB7, 0xD7, 0x2116}
    return chars


def source_font(weight: int) -> tuple[str, int] | None:
    """(file, index in the collection) of the system's Noto Serif CJK SC of that weight."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    pattern = f"{SOURCE_FAMILY}:style={WEIGHTS[weight]}"
    try:
        out = subprocess.run(
            [fc_match, "-f", "%{family}|%{file}|%{index}", pattern], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, rest = out.partition("|")
    path, _, index = rest.partition("|")
    if SOURCE_FAMILY not in family or not path or not Path(path).exists():
        return None
    return path, int(index or 0)


def cache_dir() -> Path:
    return Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var")) / "cache" / "letter-fonts"


def _build(source: tuple[str, int], target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path, index = source
    font = TTFont(path, fontNumber=index, lazy=False)
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.hinting = False
    # Horizontal Simplified Chinese only: no vertical, Japanese/Korean/Traditional or width
    # variants (they would double the glyph count, and so the cost of every letter).
    options.layout_features = ["ccmp", "kern", "liga"]
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=letter_characters())
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write beside the target and rename: concurrent workers never read half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".otf.part")
    os.close(fd)
    try:
        font.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def subset_font(weight: int) -> Path | None:
    """The cached subset of that weight, built if missing; None if it cannot be made."""
    source = source_font(weight)
    if source is None:
        return None
    stat = os.stat(source[0])
    target = cache_dir() / f"letter-serif-sc-{WEIGHTS[weight].lower()}-v{VERSION}-{int(stat.st_mtime)}-{source[1]}.otf"
    if not target.exists():
        try:
            _build(source, target)
        except Exception:  # noqa: BLE001 — the system font still works
            logger.exception("could not build the letter font subset %s", target)
            return None
    return target


@functools.lru_cache(maxsize=1)
def font_face_css() -> str:
    """@font-face rules for the subsets that exist (empty if none: the system fonts are used)."""
    rules = []
    for weight in WEIGHTS:
        path = subset_font(weight)
        if path is not None:
            rules.append(
                f'@font-face {{ font-family: "{FAMILY}"; src: url("{path.as_uri()}"); font-weight: {weight}; }}'
            )
    return "\n".join(rules)


@functools.lru_cache(maxsize=4)
def stylesheet(extra_css: str = ""):
    """(FontConfiguration, CSS) with the @font-face rules and ``extra_css``, parsed once per process."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = weasyprint.CSS(string=(font_face_css() or "/* system fonts */") + "\n" + extra_css, font_config=font_config)
    return font_config, css
