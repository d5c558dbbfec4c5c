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


class SetPasswordForm(_Bootstrap, auth_forms.SetPasswordForm):
    """The first password, chosen from an invitation link."""

    def save(self, commit=True):
        self.user.must_change_password = False
        return super().save(commit=commit)
