"""Small text helpers for Russian names and case-insensitive search."""


def fold(text: str) -> str:
    """Lower-case a string for search; ё folds to е so either spelling matches."""
    return " ".join(text.casefold().replace("ё", "е").split())


def initials_name(last_name: str, first_name: str, middle_name: str = "") -> str:
    """Return «Иванова М. П.» from the parts of a full name."""
    initials = " ".join(f"{part[0]}." for part in (first_name, middle_name) if part)
    return f"{last_name} {initials}".strip()
