"""Log in with the e-mail address (case-insensitive) as the user name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        user = user_model.objects.filter(email__iexact=username.strip()).first()
        if user is None:
            user = user_model.objects.filter(username=username).first()
        if user is None:
            user_model().set_password(password)  # same work either way (timing)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
