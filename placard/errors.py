"""Content errors as values: `path:line: message`, collected and reported together."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{display_path(self.path)}:{self.line}: {self.message}"
        return text + (f" ({self.hint})" if self.hint else "")


class ContentErrors(Exception):
    """Raised when a campaign cannot be built; carries every error found."""

    def __init__(self, errors):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self):     # raised in a worker process, it must arrive whole
        return (ContentErrors, (self.errors,))


class Invalid(ValueError):
    """A value that a coercer refuses: the message, and a hint where one helps."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def display_path(path: str) -> str:
    """A path relative to the working directory when the file lies beneath it."""
    try:
        rel = Path(path).resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError, RuntimeError):     # RuntimeError: a symbolic link loop
        return str(path)
    return str(rel) if str(rel) != "." else str(path)


def format_errors(errors) -> str:
    errors = sorted(set(errors))
    noun = "error" if len(errors) == 1 else "errors"
    return "\n".join(str(e) for e in errors) + f"\n{len(errors)} {noun}; nothing was written."


class UsageError(Exception):
    """A bad option or command: exit status 2."""
