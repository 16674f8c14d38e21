"""Start-up check: WeasyPrint prints boxes, silently, when no font has Chinese glyphs."""

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


@checks.register(checks.Tags.compatibility)
def check_letter_font(app_configs=None, **kwargs):
    message = missing_letter_font()
    if message:
        return [checks.Error(message, id="letters.E001", hint="apt-get install fonts-noto-cjk libharfbuzz-subset0")]
    return []
