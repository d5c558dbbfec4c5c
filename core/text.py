"""Small text helpers for Russian names and case-insensitive search."""


def fold(text: str) -> str:
    """Lower-case a string for search; ё folds to е so either spelling matches."""
    return " ".join(text.casefold().replace("ё", "е").split())


def initials_name(last_name: str, first_name: str, middle_name: str = "") -> str:
    """Return «Иванова М. П.» from the parts of a full name."""
    initials = " ".join(f"{part[0]}." for part in (first_name, middle_name) if part)
    return f"{last_name} {initials}".strip()


def keep_quoted(name: str) -> str:
    """Replace spaces inside «…» with non-breaking ones, so a proper name never splits."""
    out, depth = [], 0
    for char in name:
        depth += char == "«"
        depth -= char == "»"
        out.append("\u00a0" if char == " " and depth > 0 else char)
    return "".join(out)


def plural(number: int, one: str, few: str, many: str) -> str:
    """Pick the Russian form for a number: 1 год, 2 года, 5 лет, 11 лет, 21 год."""
    n = abs(int(number)) % 100
    if 11 <= n <= 14:
        return many
    n %= 10
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


def years(number: int) -> str:
    """«1 год», «3 года», «25 лет»."""
    return f"{number} {plural(number, 'год', 'года', 'лет')}"


def sentence(text: str, end: str = ".") -> str:
    """End a sentence once: «Сергеева А. И.» stays, «стаж 3 года» gets its full stop."""
    text = (text or "").rstrip()
    if not text or text.endswith((".", "!", "?", "…")):
        return text
    return text + end


def lower_first(text: str) -> str:
    """Lower-case a label for the middle of a sentence, keeping abbreviations: «Курсы … (КПК)»
    becomes «курсы … (КПК)», while «КПК» stays as is."""
    text = str(text or "")
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
