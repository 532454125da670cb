"""A YAML reader for editors: every scalar stays text, and every key keeps its line.

YAML 1.1 turns `NO` into false, `10:00` into 600 and `2025-11-31` into a crash.
Here the only implicit type is null; the schema coerces text to what each field
needs, so `country: NO` is Norway and a bad date is a content error with a line.
"""
from __future__ import annotations

import re

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextLoader(_Base):
    """Safe loader whose plain scalars resolve to str, or None when empty or null."""


TextLoader.yaml_implicit_resolvers = {}
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def load(text: str, first_line: int = 1):
    """Parse YAML text into (data, lines); lines maps key paths to 1-based line numbers.

    `first_line` is the file line of the text's first line, so lines are the file's.
    """
    loader = TextLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, first_line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(first_line, f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), lines, first_line)
    return data, lines


def _record_lines(node, path, lines, offset):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                sub = path + (key.value,)
                lines.setdefault(sub, key.start_mark.line + offset)
                _record_lines(value, sub, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            sub = path + (index,)
            lines.setdefault(sub, item.start_mark.line + offset)
            _record_lines(item, sub, lines, offset)


def _syntax_error(exc, first_line: int) -> YamlSyntaxError:
    """Where the parser found the problem, or where an unclosed construct began."""
    mark = exc.problem_mark
    unclosed = "end of stream" in (exc.problem or "") and exc.context_mark is not None
    if unclosed or mark is None:
        mark = exc.context_mark
    line = (mark.line if mark else 0) + first_line
    words = ", ".join(x for x in (exc.context, exc.problem) if x) or "cannot be read"
    hint = ""
    if "quoted scalar" in words:
        hint = "a quote is not closed, or a quote inside a quoted value needs doubling"
    elif "mapping values are not allowed" in words:
        hint = "put quotes around a value that contains ': '"
    return YamlSyntaxError(line, f"YAML syntax error: {words}" + (f" ({hint})" if hint else ""))
