#!/usr/bin/env bash
# Prepare this machine for the portal: system libraries, a virtual environment, the project.
# Installs what is missing when run as root on Debian/Ubuntu; otherwise stops naming what is
# missing. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
WITH_BROWSER=${WITH_BROWSER:-0}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31m错误 / error: %s\033[0m\n' "$*" >&2; exit 1; }

# 1. Python 3.11+ with venv.
command -v "$PYTHON" >/dev/null || die "未找到 python3（需要 Python 3.11 及以上）/ python3 not found (3.11+ required)"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || die "需要 Python 3.11 及以上，当前为 $($PYTHON --version) / Python 3.11+ required"

# 2. System packages: a CJK font and HarfBuzz subsetting for the letters (WeasyPrint), Pango,
#    poppler-utils (pdftoppm, used by the letter tests), Chromium for the browser tests.
need_pkgs=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
pkgs=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
if [ "$WITH_BROWSER" = "1" ]; then pkgs+=(chromium); fi
if command -v dpkg-query >/dev/null; then
  for p in "${pkgs[@]}"; do have_pkg "$p" || need_pkgs+=("$p"); done
  # python3-venv on Debian/Ubuntu system Pythons
  "$PYTHON" -c 'import ensurepip' 2>/dev/null || need_pkgs+=("python3-venv")
  if [ ${#need_pkgs[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      say "安装系统软件包 / installing system packages: ${need_pkgs[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
    else
      die "缺少系统软件包 / missing system packages: ${need_pkgs[*]}. 请以 root 运行 / run as root: apt-get install ${need_pkgs[*]}"
    fi
  fi
else
  command -v fc-list >/dev/null && fc-list :lang=zh | grep -q . \
    || die "未找到中文字体 / no font with Chinese glyphs (install Noto Sans CJK)"
fi

# 3. The virtual environment and the project (re-installed when pyproject.toml changes).
if [ ! -x "$VENV/bin/python" ]; then
  say "创建虚拟环境 / creating the virtual environment in $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "安装依赖 / installing the project and its dependencies"
  log="$VENV/pip-install.log"
  { "$VENV/bin/pip" install --upgrade pip && "$VENV/bin/pip" install -e '.[test]'; } >"$log" 2>&1 \
    || { tail -n 40 "$log"; die "依赖安装失败，详见 $log / pip install failed, see $log"; }
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
