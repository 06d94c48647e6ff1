"""The exception tree drawn in casefile.errors is the tree the classes make."""

from __future__ import annotations

import inspect
import re

import casefile
from casefile import errors


def _drawn() -> dict[str, str | None]:
    """Each exception in the docstring's drawing, with its parent (None at the top)."""
    doc = inspect.getdoc(errors) or ""
    drawing = doc.split("::", 1)[1].split("\n\n")[1]
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in drawing.splitlines():
        match = re.match(r"^([\s│├└─]*)(\w+)", line)
        assert match, line
        depth, name = len(match.group(1)), match.group(2)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[name] = stack[-1][1] if stack else None
        stack.append((depth, name))
    return parents


def _defined() -> dict[str, str | None]:
    """Each exception class defined in casefile.errors, with its casefile parent."""
    found: dict[str, str | None] = {}
    for name, value in vars(errors).items():
        if inspect.isclass(value) and issubclass(value, errors.CasefileError):
            if name.startswith("_"):
                continue
            bases = [
                b.__name__ if not b.__name__.startswith("_") else b.__mro__[1].__name__
                for b in value.__bases__
                if issubclass(b, errors.CasefileError)
            ]
            found[name] = bases[0] if bases else None
    return found


def test_the_drawn_tree_is_the_class_tree() -> None:
    """Every CasefileError subclass appears in the drawing under its real parent, and only they."""
    drawn = _drawn()
    assert _defined() == drawn


def test_every_exception_is_defined_in_errors() -> None:
    """No module defines an exception of its own: every public one lives in casefile.errors."""
    stack = [errors.CasefileError]
    while stack:
        cls = stack.pop()
        assert "casefile.errors" == cls.__module__, cls
        stack.extend(cls.__subclasses__())
    for name in casefile.__all__:
        value = getattr(casefile, name)
        if inspect.isclass(value) and issubclass(value, BaseException):
            assert "casefile.errors" == value.__module__, name


def test_a_shortened_quote_in_a_message_ends_with_an_ellipsis() -> None:
    """A long quote in an error message is cut to 80 characters, the last an ellipsis."""
    error = errors.QuoteNotFound("word " * 40, "not in the document")
    shown = str(error).split("quote ", 1)[1].split(":", 1)[0]
    assert 82 == len(shown) and shown.endswith("\u2026'")
