"""Command line: ``python -m rules check FILE...`` runs case files (see :mod:`rules.cases`).

Prints one line per failing case and ``N passed, N failed``; exits 1 when any case fails.
"""

from __future__ import annotations

import argparse
import sys

from .cases import run_cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rules", description="天河区人工智能大模型政策规则：运行案例文件"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="run case files (YAML) against the rules and their default guidelines"
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("-v", "--verbose", action="store_true", help="also list passing cases")
    args = parser.parse_args(argv)

    passed, failed, lines = run_cases(args.files, verbose=args.verbose)
    for line in lines:
        print(line)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
