"""The version for the visually impaired (ГОСТ Р 52872-2019): font size, colour scheme, images
and letter spacing, each chosen by a link and remembered per visitor in a cookie.

The server reads the cookies and renders the chosen classes on <body>: no script is involved, so
the cookies are HttpOnly (and Secure over HTTPS).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

COOKIE_PREFIX = "public_a11y_"
MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    choices: tuple[tuple[str, str], ...]  # (value, what the link says)

    @property
    def default(self) -> str:
        return self.choices[0][0]


SETTINGS = (
    Setting("size", "Размер шрифта", (("1", "Обычный"), ("2", "Крупный"), ("3", "Очень крупный"))),
    Setting(
        "scheme",
        "Цвет",
        (("bw", "Чёрным по белому"), ("wb", "Белым по чёрному"), ("blue", "Синим по голубому")),
    ),
    Setting("images", "Изображения", (("off", "Выключены"), ("on", "Включены"))),
    Setting(
        "spacing",
        "Интервал между буквами",
        (("1", "Обычный"), ("2", "Большой"), ("3", "Очень большой")),
    ),
)


def _asked(request, setting: Setting) -> str | None:
    value = request.GET.get(setting.key)
    return value if value in dict(setting.choices) else None


def chosen(request) -> dict[str, str]:
    """Each setting's value: asked for in the address, else remembered, else the default."""
    values = {}
    for setting in SETTINGS:
        remembered = request.COOKIES.get(COOKIE_PREFIX + setting.key)
        if remembered not in dict(setting.choices):
            remembered = None
        values[setting.key] = _asked(request, setting) or remembered or setting.default
    return values


def body_classes(values: dict[str, str]) -> str:
    return " ".join(f"a11y-{key}-{value}" for key, value in values.items())


def controls(request, values: dict[str, str], *, embed: bool) -> list[dict]:
    """The panel's groups of links; the chosen one is marked."""
    groups = []
    for setting in SETTINGS:
        links = []
        for value, text in setting.choices:
            query = {"a11y": "1", setting.key: value}
            if embed:
                query["embed"] = "1"
            links.append(
                {
                    "text": text,
                    "url": f"{request.path}?{urlencode(query)}",
                    "current": values[setting.key] == value,
                    "testid": f"a11y-{setting.key}-{value}",
                }
            )
        groups.append({"label": setting.label, "key": setting.key, "links": links})
    return groups


def remember(request, response) -> None:
    """Keep what the visitor chose in the address for her next visits."""
    for setting in SETTINGS:
        if value := _asked(request, setting):
            response.set_cookie(
                COOKIE_PREFIX + setting.key,
                value,
                max_age=MAX_AGE,
                samesite="Lax",
                httponly=True,
                secure=request.is_secure(),
            )
