"""The coding frames (fields of action, cross-cutting themes) with their German seed vocabulary."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FRAME_DIR = Path(__file__).parent
DEFAULT_FRAME = "family"
OTHER = "sonstiges"
_SECTION = re.compile(r"^\[([^\[\]\s]+)\]$")


@dataclass(frozen=True)
class Category:
    """A field of action or a cross-cutting theme of a coding frame."""

    id: str
    name: str
    description: str = ""
    seeds: tuple[str, ...] = field(default_factory=tuple)
    examples: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Example:
    """An example contribution of a frame's example file: its category and further ids.

    `category` is the section it is written under (a field, a theme or "sonstiges"); `tags`
    holds the further ids given after " | " (themes, and for theme sections the primary field).
    """

    text: str
    category: str
    tags: tuple[str, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.category, *self.tags)


@dataclass(frozen=True)
class Frame:
    """A coding frame: its fields of action and its cross-cutting themes."""

    name: str
    title: str
    fields: tuple[Category, ...]
    themes: tuple[Category, ...]
    other: Category | None = None
    examples: tuple[Example, ...] = ()

    @property
    def field_ids(self) -> list[str]:
        return [c.id for c in self.fields]

    @property
    def theme_ids(self) -> list[str]:
        return [c.id for c in self.themes]


def available_frames() -> list[str]:
    """Return the names of the frames shipped as data files."""
    return sorted(p.stem for p in FRAME_DIR.glob("*.toml"))


def examples_path(frame_path: str | Path) -> Path:
    """Return the example file that belongs to a frame file (`family.toml` -> `family_examples.txt`)."""
    frame_path = Path(frame_path)
    return frame_path.with_name(f"{frame_path.stem}_examples.txt")


def load_examples_file(path: str | Path) -> tuple[Example, ...]:
    """Read an example file: `[ID]` sections, one contribution per line, `text | ID ID` tags."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"Beispieldatei {path} ist nicht lesbar: {exc}") from exc
    section: str | None = None
    out: list[Example] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _SECTION.match(line)
        if header:
            section = header.group(1)
            continue
        if section is None:
            raise ValueError(f"{path}, Zeile {number}: Beispiel vor dem ersten [Abschnitt]")
        text, _, tags = line.partition(" | ")
        ids = tuple(t for t in tags.split() if t != section)
        out.append(Example(text=text.strip(), category=section, tags=ids))
    return tuple(out)


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
    extra = examples_path(path)
    examples = load_examples_file(extra) if extra.exists() else ()
    other = (
        _categories([{"id": OTHER, "name": "Sonstiges", **data["other"]}])[0]
        if "other" in data
        else None
    )
    if other is None and any(e.category == OTHER for e in examples):
        other = Category(id=OTHER, name="Sonstiges")
    return Frame(
        examples=examples,
        name=str(data.get("name", path.stem)),
        title=str(data.get("title", path.stem)),
        fields=_categories(data.get("fields", [])),
        themes=_categories(data.get("themes", [])),
        other=other,
    )


@lru_cache(maxsize=16)
def load_frame(name: str = DEFAULT_FRAME) -> Frame:
    """Return the shipped frame called `name` ("family" or "quarter")."""
    if name not in available_frames():
        raise ValueError(
            f"Unbekannter Kodierrahmen {name!r}; vorhanden: {', '.join(available_frames())}"
        )
    return load_frame_file(FRAME_DIR / f"{name}.toml")
