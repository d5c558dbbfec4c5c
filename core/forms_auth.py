"""Login and password forms styled for Bootstrap."""

from django.contrib.auth import forms as auth_forms


class _Bootstrap:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class LoginForm(_Bootstrap, auth_forms.AuthenticationForm):
    """Login by username and password."""


class PasswordChangeForm(_Bootstrap, auth_forms.PasswordChangeForm):
    """Change of one's own password; a temporary one stops being temporary."""

    def save(self, commit=True):
        self.user.must_change_password = False
        return super().save(commit=commit)


class PasswordResetForm(_Bootstrap, auth_forms.PasswordResetForm):
    """Request a reset link by e-mail; the link is built from SITE_URL, never from Host.

    An address gets at most ``PASSWORD_RESET_EMAIL_LIMIT`` letters an hour; past that the
    request is answered the same («Проверьте почту») and no letter goes.
    """

    def get_users(self, email):
        from django.conf import settings

        from core.security import over_limit

        limit = settings.PASSWORD_RESET_EMAIL_LIMIT
        if over_limit("reset-email", email.strip().lower(), limit=limit, window=3600):
            return iter(())
        return super().get_users(email)

    def save(self, **kwargs):
        from urllib.parse import urlsplit

        from django.conf import settings

        site = urlsplit(settings.SITE_URL)
        kwargs["domain_override"] = site.netloc
        kwargs["use_https"] = site.scheme == "https"
        kwargs["extra_email_context"] = {
            **(kwargs.get("extra_email_context") or {}),
            "site_name": "Наставничество в ДОУ",
        }
        return super().save(**kwargs)


class SetPasswordForm(_Bootstrap, auth_forms.SetPasswordForm):
    """A password chosen through an invitation or a reset link; it is no longer temporary.

    The link came by letter to the person's own address, so setting the password also lifts
    her lockouts (``core.lockouts.unlock``): a locked person unlocks herself this way.
    """

    def save(self, commit=True):
        from core.lockouts import unlock

        self.user.must_change_password = False
        user = super().save(commit=commit)
        if commit:
            unlock(self.user.get_username())
        return user
