"""The coding frames (fields of action, cross-cutting themes) with their German seed vocabulary."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FRAME_DIR = Path(__file__).parent
DEFAULT_FRAME = "family"
OTHER = "sonstiges"


@dataclass(frozen=True)
class Category:
    """A field of action or a cross-cutting theme of a coding frame."""

    id: str
    name: str
    description: str = ""
    seeds: tuple[str, ...] = field(default_factory=tuple)
    examples: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Frame:
    """A coding frame: its fields of action and its cross-cutting themes."""

    name: str
    title: str
    fields: tuple[Category, ...]
    themes: tuple[Category, ...]
    other: Category | None = None

    @property
    def field_ids(self) -> list[str]:
        return [c.id for c in self.fields]

    @property
    def theme_ids(self) -> list[str]:
        return [c.id for c in self.themes]


def available_frames() -> list[str]:
    """Return the names of the frames shipped as data files."""
    return sorted(p.stem for p in FRAME_DIR.glob("*.toml"))


def _categories(items: list[dict]) -> tuple[Category, ...]:
    return tuple(
        Category(
            id=str(item["id"]),
            name=str(item["name"]),
            description=str(item.get("description", "")),
            seeds=tuple(str(s) for s in item.get("seeds", ())),
            examples=tuple(str(s) for s in item.get("examples", ())),
        )
        for item in items
    )


def load_frame_file(path: str | Path) -> Frame:
    """Read a frame from a TOML file (the shipped ones or a town's own copy)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"Kodierrahmen {path} ist nicht lesbar: {exc}") from exc
    return Frame(
        name=str(data.get("name", path.stem)),
        title=str(data.get("title", path.stem)),
        fields=_categories(data.get("fields", [])),
        themes=_categories(data.get("themes", [])),
        other=_categories([{"id": OTHER, "name": "Sonstiges", **data["other"]}])[0]
        if "other" in data
        else None,
    )


@lru_cache(maxsize=16)
def load_frame(name: str = DEFAULT_FRAME) -> Frame:
    """Return the shipped frame called `name` ("family" or "quarter")."""
    if name not in available_frames():
        raise ValueError(
            f"Unbekannter Kodierrahmen {name!r}; vorhanden: {', '.join(available_frames())}"
        )
    return load_frame_file(FRAME_DIR / f"{name}.toml")
