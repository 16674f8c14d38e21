"""System checks: letters must never silently print boxes or take ten seconds a page.

Warns when no font with Chinese glyphs is installed (fontconfig ``:lang=zh``) or when
HarfBuzz's subsetting library (libharfbuzz-subset) is missing — WeasyPrint then embeds whole
CJK fonts and renders a Chinese page some 60× slower.
"""

import ctypes.util
import shutil
import subprocess

from django.core.checks import Warning, register


def chinese_font_available() -> bool:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


def harfbuzz_subset_available() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None


@register("portal")
def letter_fonts_check(app_configs=None, **kwargs):
    problems = []
    if not chinese_font_available():
        problems.append(
            Warning(
                "未找到含中文字形的字体，决定书 PDF 将显示方框。",
                hint="请安装 fonts-noto-cjk（Debian/Ubuntu: apt-get install fonts-noto-cjk）。",
                id="portal.W001",
            )
        )
    if not harfbuzz_subset_available():
        problems.append(
            Warning(
                "未找到 HarfBuzz 字体子集库，生成中文 PDF 会慢数十倍。",
                hint="请安装 libharfbuzz-subset0（Debian/Ubuntu: apt-get install libharfbuzz-subset0）。",
                id="portal.W002",
            )
        )
    return problems
