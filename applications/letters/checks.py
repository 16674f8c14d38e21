"""Letters must never silently print boxes or take ten seconds a page.

A system check warns at start-up when no font the letter's CSS names is installed
(``portal.W001``: WeasyPrint would print boxes) or when HarfBuzz's subsetting library is missing
(``portal.W002``: WeasyPrint then embeds whole CJK fonts and renders a Chinese page some 60×
slower). Rendering itself refuses to run without the font (``render.py``).
"""

import ctypes.util
import functools
import shutil
import subprocess

from django.core import checks

#: The families the letter's CSS names; one of them must be installed.
LETTER_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC")


@functools.lru_cache(maxsize=1)
def installed_cjk_families() -> frozenset[str]:
    """Families fontconfig knows that cover Simplified Chinese (empty if fontconfig is missing)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return frozenset()
    try:
        out = subprocess.run([fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    families = set()
    for line in out.splitlines():
        families.update(name.strip() for name in line.split(","))
    return frozenset(f for f in families if f)


def missing_letter_font() -> str | None:
    """None when a letter font is installed, else a message in Chinese saying what to install."""
    if installed_cjk_families() & set(LETTER_FONTS):
        return None
    return (
        "未找到中文字体（需要 Noto Serif CJK SC 或 Noto Sans CJK SC），决定书 PDF 将无法正确显示中文。"
        "请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk）。"
    )


def harfbuzz_subset_available() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None


@checks.register("portal")
def letter_fonts_check(app_configs=None, **kwargs):
    problems = []
    message = missing_letter_font()
    if message:
        problems.append(checks.Warning(message, hint="apt-get install fonts-noto-cjk", id="portal.W001"))
    if not harfbuzz_subset_available():
        problems.append(
            checks.Warning(
                "未找到 HarfBuzz 字体子集库，生成中文 PDF 会慢数十倍。",
                hint="请安装 libharfbuzz-subset0（Debian/Ubuntu: apt-get install libharfbuzz-subset0）。",
                id="portal.W002",
            )
        )
    return problems
