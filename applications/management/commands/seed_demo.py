from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from applications.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo


class Command(BaseCommand):
    help = "载入演示数据（幂等），并打印演示账号。"

    def handle(self, *args, **options):
        # The demo's notification e-mails are kept in memory, not printed over the logins.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            logins = seed_demo()
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"天河区人工智能大模型产业扶持资金申报平台已就绪：{settings.SITE_URL}/"))
        out.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for login in logins:
            out.write(f"  {login.role:<8} {login.email:<34} {login.note}")
        out.write(
            f"工作人员登录还须输入动态验证码：验证器密钥（演示专用）{DEMO_TOTP_SECRET}，"
            "或运行 .venv/bin/python manage.py demo_otp 邮箱 显示当前验证码。"
        )
        out.write(f"API 文档：{settings.SITE_URL}/api/docs/    后台：{settings.SITE_URL}/admin/")
        out.write("")
