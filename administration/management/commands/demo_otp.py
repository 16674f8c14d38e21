"""Print the current 6-digit TOTP code of a staff account (for the demo and for support)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.models import User
from accounts.twofactor import confirmed_device


class Command(BaseCommand):
    help = "显示工作人员账号当前的 6 位动态验证码（演示用；验证码每 30 秒更新）。"

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"没有邮箱为 {email} 的账号。")
        device = confirmed_device(user)
        if device is None:
            raise CommandError(f"{email} 尚未绑定验证器：登录后按页面提示绑定。")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        remaining = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():06d}")
        self.stderr.write(f"（{remaining} 秒内有效）")
