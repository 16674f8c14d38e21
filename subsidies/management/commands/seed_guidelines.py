from django.core.management.base import BaseCommand

from subsidies.services import seed_guidelines


class Command(BaseCommand):
    help = "创建十项措施、十四个事项及 2024–2026 年度申报指南（幂等；已有的指南不变）。"

    def handle(self, *args, **options):
        created = seed_guidelines()
        years = ", ".join(str(g.year) for g in created) or "无（均已存在）"
        self.stdout.write(f"新建申报指南：{years}")
