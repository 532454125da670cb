"""Split a Markdown file into its YAML front matter and body, keeping file line numbers."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import Invalid


@dataclass(frozen=True)
class Split:
    yaml: str          # the front matter text
    yaml_line: int     # file line of the front matter's first line
    body: str
    body_line: int     # file line of the body's first line


def split(text: str) -> Split:
    """The front matter between the opening and closing `---` lines, and the body after it."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise Invalid("the file does not start with a front matter block",
                      "the first line must be --- and the keys follow, closed by another ---")
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return Split("".join(lines[1:index]), 2, "".join(lines[index + 1:]), index + 2)
    raise Invalid("the front matter block is never closed",
                  "did you forget the closing --- line after the keys?")
