"""Store staff-entered translations."""

from __future__ import annotations

from participation.multilingual.text import SOURCE_LANGUAGE


def set_translations(obj, language: str, texts: dict[str, str]) -> None:
    """Replace `obj`'s texts in `language` by `texts` ({field: text}); empty texts are dropped."""
    if language == SOURCE_LANGUAGE:
        raise ValueError("German texts live in the model's own fields")
    cleaned = {
        field: "\n".join(line.rstrip() for line in text.rstrip().lstrip(" \t").splitlines())
        for field, text in texts.items()
        if text and text.strip()
    }
    # A new dict, so that SQLAlchemy sees the change of the JSON column.
    translations = {k: dict(v) for k, v in (obj.translations or {}).items() if k != language}
    if cleaned:
        translations[language] = cleaned
    obj.translations = translations


def copy_translations(source, target) -> None:
    """Give `target` (a copy of `source`) the same translations."""
    target.translations = {k: dict(v) for k, v in (source.translations or {}).items()}
