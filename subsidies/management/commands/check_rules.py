"""Run rule case files against the guidelines stored in the database (not the contract's defaults)."""

from django.core.management.base import BaseCommand, CommandError

from rules.cases import run_cases
from subsidies.selectors import year_parameters


class Command(BaseCommand):
    help = "用数据库中各年度申报指南的参数运行规则用例文件（YAML），输出失败用例与“N passed, N failed”。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="case files in the measures.md format")

    def handle(self, *args, files, **options):
        passed, failed, lines = run_cases(files, parameters_for=year_parameters)
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"{passed} passed, {failed} failed")
        if failed:
            raise CommandError(f"{failed} case(s) failed", returncode=1)
