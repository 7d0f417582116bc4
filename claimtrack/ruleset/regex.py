r"""Regular expressions from rule files, compiled with RE2 so that matching is linear.

Rule files are untrusted input, and rules run on untrusted text. Python's
``re`` backtracks: ``(a+)+b`` or ``x(?=(a+)+b)`` take exponential time on a
few dozen characters. RE2 (the ``google-re2`` package) matches in time linear
in the text by construction, whatever the pattern, so no rule file can make
extraction hang. The price is a smaller syntax: no lookahead or lookbehind, no
backreferences, no possessive quantifiers or atomic groups. A pattern that
uses one is refused when the rules load, with a hint saying what to write
instead (:func:`regex_problem`).

Two things keep the meaning a Python user expects:

- ``\w``, ``\d`` and ``\s`` (and ``\W``, ``\D``, ``\S`` outside brackets) mean
  what they mean in Python, Unicode letters, digits and spaces (RE2's are
  ASCII only): they are rewritten to ``\p{...}`` classes before compiling.
- Instead of lookaround, a pattern may require context around the text it
  reports: if it has a group named ``match``, a match reports that group
  (``(?P<match>no comment)(?:[.,;]|$)`` reports "no comment", not the stop).

What still differs from Python: ``\b`` is an ASCII word boundary, and ``$``
without ``(?m)`` matches only at the very end of the text, not before a final
newline (write ``\n?$`` for Python's meaning).

``pos`` and ``endpos`` of :meth:`Regex.search` and :meth:`Regex.finditer` read
as in Python: the text before ``pos`` is context for ``\b`` and ``^``, the text
ends at ``endpos``. Only that window is handed to RE2, so matching each
sentence of a long document costs the sentence, not the document.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import re2

__all__ = ["MAX_PROGRAM_SIZE", "REPORTED_GROUP", "Match", "ProgramBudget", "Regex", "compile_pattern", "program_budget", "regex_problem"]

REPORTED_GROUP = "match"

# What Python's \w, \d, \s match, written for RE2 (str.isalnum() or "_",
# str.isdecimal(), str.isspace()).
_SPACE = r"\t-\r\x{1c}-\x{1f}\x{85}\p{Z}"
_CLASSES_OUTSIDE = {
    "w": r"[\p{L}\p{N}_]",
    "W": r"[^\p{L}\p{N}_]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
}
# Inside brackets only the positive classes can be spelled out; [\W\S] stays ASCII.
_CLASSES_INSIDE = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE}

_HINT_LOOKAHEAD = (
    "RE2 has no lookahead; match the context with a wider pattern and put the part to "
    f"report in a group named '{REPORTED_GROUP}', as in (?P<{REPORTED_GROUP}>no comment)(?:[.,;]|$)"
)
_HINT_LOOKBEHIND = (
    "RE2 has no lookbehind; match the context with a wider pattern and put the part to "
    f"report in a group named '{REPORTED_GROUP}', or use \\b"
)
_HINT_BACKREFERENCE = "RE2 has no backreferences; spell the repeated text out, or write a rule for each case"
# What the pattern holds where RE2 stopped, and what to write instead.
_HINTS = (
    ("(?=", _HINT_LOOKAHEAD),
    ("(?!", _HINT_LOOKAHEAD),
    ("(?<=", _HINT_LOOKBEHIND),
    ("(?<!", _HINT_LOOKBEHIND),
    ("(?P=", _HINT_BACKREFERENCE),
    ("(?>", "RE2 has no atomic groups; it never backtracks, so write (?:...) instead"),
    ("(?#", "RE2 has no comments inside patterns; put the comment in the rule's 'note'"),
    ("(?x", "RE2 has no verbose mode; write the pattern without spaces and comments"),
    ("(?(", "RE2 has no conditional groups; write a rule for each case"),
    ("\\Z", "write \\z for the end of the text"),
    ("\\u", "write a character by its code point as \\x{00e9}"),
    ("\\U", "write a character by its code point as \\x{1f600}"),
    ("\\N", "write a character by its code point as \\x{00e9}"),
)
_BACKREFERENCE = re.compile(r"\\[1-9]")
_NO_LOWER_BOUND = re.compile(r"\{,\d+\}")  # Python's {,3}; RE2 reads it as text


class _Refused(Exception):
    def __init__(self, message: str, at: int):
        super().__init__(message)
        self.message, self.at = message, at


def regex_problem(pattern: str, *, ignore_case: bool = False) -> str | None:
    """Why ``pattern`` cannot be a rule's regular expression, or None if it can."""
    try:
        compile_pattern(pattern, ignore_case=ignore_case)
    except ValueError as error:
        return str(error)
    return None


# The whole rule set's regular expressions together may hold at most this many
# RE2 program instructions (about 8 bytes each, and compile time grows with
# them). The shipped rules use about 47,000; one `\w{300}` holds 400,000, so a
# large overlay of such patterns is refused in one line instead of taking
# gigabytes and minutes to load (RE2 already bounds each pattern alone).
MAX_PROGRAM_SIZE = 500_000


@attrs.define
class ProgramBudget:
    """The RE2 program size the patterns of one rule set have used so far."""

    limit: int = MAX_PROGRAM_SIZE
    used: int = 0


_BUDGET: contextvars.ContextVar[ProgramBudget | None] = contextvars.ContextVar("claimtrack_regex_budget", default=None)


@contextlib.contextmanager
def program_budget(limit: int = MAX_PROGRAM_SIZE) -> Iterator[ProgramBudget]:
    """Patterns compiled inside share one budget: once it is spent, the next
    pattern is refused before it is compiled (a ValueError, as for any bad
    pattern, so the rule loader reports it as FILE:LINE:COLUMN)."""
    budget = ProgramBudget(limit)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def compile_pattern(pattern: str, *, ignore_case: bool = False) -> Regex:
    """A rule pattern compiled with RE2 (cached); ValueError says why it cannot be,
    or that the rule set's total :data:`MAX_PROGRAM_SIZE` is spent."""
    budget = _BUDGET.get()
    if budget is not None and budget.used > budget.limit:
        raise ValueError(
            f"the rule set's regular expressions are over the total budget of {budget.limit:,} RE2 "
            f"instructions ({budget.used:,} used before this one); refused: use fewer or smaller patterns"
        )
    regex = _compile(pattern, ignore_case)
    if budget is not None:
        budget.used += regex.program_size
    return regex


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str, ignore_case: bool) -> Regex:
    try:
        compiled = re2.compile(_for_re2(pattern), _options(ignore_case))
    except _Refused as refused:
        raise ValueError(f"{refused.message} (at character {refused.at + 1} of the pattern)") from None
    except re2.error as error:
        raise ValueError(_explain(pattern, error)) from None
    regex = Regex(pattern, compiled)
    if regex.matches_empty_text():
        raise ValueError("regular expression matches empty text; it must match at least one character")
    return regex


def _options(ignore_case: bool) -> re2.Options:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    return options


def _explain(pattern: str, error: re2.error) -> str:
    """RE2's complaint, where it is in the pattern, and what to write instead."""
    message = error.args[0].decode("utf-8", "replace") if error.args and isinstance(error.args[0], bytes) else str(error)
    reason, _, fragment = message.partition(": ")
    if fragment == "(?P" and "(?P=" in pattern:  # Python's named backreference
        fragment = "(?P="
    at = pattern.find(fragment) if fragment and fragment != pattern else -1
    where = f" '{fragment}' at character {at + 1}" if at >= 0 else ""
    text = f"RE2 cannot compile this pattern: {reason}{where}"
    hint = _hint(pattern[at:] if at >= 0 else "", reason)
    return f"{text}; {hint}" if hint else text


def _hint(rest: str, reason: str) -> str | None:
    for start, hint in _HINTS:
        if rest.startswith(start):
            return hint
    if _BACKREFERENCE.match(rest):
        return _HINT_BACKREFERENCE
    if reason == "bad repetition operator" and rest[:2] in ("++", "*+", "?+", "}+"):
        return "RE2 has no possessive quantifiers; it never backtracks, so write a+ instead of a++"
    if reason == "invalid repetition size":
        return "RE2 repeats at most 1000 times, as in {0,1000}"
    if reason.startswith("pattern too large"):
        return "split it into several rules, or use smaller repeat counts"
    return None


def _for_re2(pattern: str) -> str:
    """The pattern with Python's meaning of \\w, \\d, \\s spelled out for RE2.

    Refuses what RE2 would accept with another meaning than Python's.
    """
    out: list[str] = []
    at, in_class = 0, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\" and at + 1 < len(pattern):
            end = _escape_end(pattern, at)
            letter = pattern[at + 1]
            if letter == "C":
                raise _Refused(r"\C (one byte) is not allowed; write . for one character", at)
            table = _CLASSES_INSIDE if in_class else _CLASSES_OUTSIDE
            out.append(table.get(letter, pattern[at:end]) if end == at + 2 else pattern[at:end])
            at = end
        elif in_class:
            named = pattern.find(":]", at) if pattern.startswith("[:", at) else -1  # [:alpha:]
            end = named + 2 if named > at else at + 1
            in_class = char != "]"
            out.append(pattern[at:end])
            at = end
        elif char == "[":
            end = at + 1 + pattern.startswith("^", at + 1)
            end += pattern.startswith("]", end)  # a ']' first in brackets is itself
            in_class = True
            out.append(pattern[at:end])
            at = end
        else:
            repeat = _NO_LOWER_BOUND.match(pattern, at)
            if repeat:
                raise _Refused(f"RE2 reads {repeat.group()} as text; write {{0,{repeat.group()[2:]}", at)
            out.append(char)
            at += 1
    return "".join(out)


def _escape_end(pattern: str, at: int) -> int:
    r"""Where the escape at ``at`` ends: \Q...\E, \p{..}, \x{..}, or two characters."""
    letter = pattern[at + 1]
    if letter == "Q":
        end = pattern.find("\\E", at + 2)
        return len(pattern) if end < 0 else end + 2
    if letter in "pPx" and pattern.startswith("{", at + 2):
        end = pattern.find("}", at + 2)
        return len(pattern) if end < 0 else end + 1
    return at + 2


# Every context an empty match can depend on: start or end of text, a word
# character, a newline or another character on either side.
_SIDES = ("", "a", "\n", " ")
_EMPTY_PROBES = tuple((before + after, len(before)) for before in _SIDES for after in _SIDES)


class Regex:
    """A compiled rule pattern with the part of ``re.Pattern``'s interface stages use."""

    __slots__ = ("_groupindex", "_re2", "_reported", "pattern")

    def __init__(self, pattern: str, compiled: Any):
        self.pattern = pattern
        self._re2 = compiled
        self._groupindex = compiled.groupindex  # computed by the re2 wrapper on each access
        self._reported = self._groupindex.get(REPORTED_GROUP, 0)

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"

    @property
    def groups(self) -> int:
        return self._re2.groups

    @property
    def program_size(self) -> int:
        """RE2's program size (instructions): what the pattern costs in memory."""
        return max(int(self._re2.programsize), 0)

    @property
    def groupindex(self) -> dict[str, int]:
        return self._groupindex

    def matches_empty_text(self) -> bool:
        """Whether some text holds an empty match (``a*``, ``\\b``, ``(?:x)?``)."""
        return any(self._re2.fullmatch(text, at, at) is not None for text, at in _EMPTY_PROBES)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        return self._one(self._re2.match, text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        return self._one(self._re2.fullmatch, text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
        base, window, start = _window(text, pos, endpos)
        for found in self._re2.finditer(window, start):
            yield Match(self, text, found, base)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[str]:
        return [match.group() for match in self.finditer(text, pos, endpos)]

    def sub(self, repl: str | Callable[[Match], str], text: str, count: int = 0) -> str:
        pieces, last = [], 0
        for number, match in enumerate(self.finditer(text), 1):
            start, end = match.span()
            pieces += [text[last:start], repl(match) if callable(repl) else match.expand(repl)]
            last = end
            if number == count:
                break
        return "".join(pieces) + text[last:]

    def _one(self, method: Callable, text: str, pos: int, endpos: int | None) -> Match | None:
        base, window, start = _window(text, pos, endpos)
        found = method(window, start)
        return None if found is None else Match(self, text, found, base)


def _window(text: str, pos: int, endpos: int | None) -> tuple[int, str, int]:
    """(offset, the text RE2 sees, where to start in it): one character before
    ``pos`` is kept as context, the text is cut at ``endpos``."""
    end = len(text) if endpos is None else max(0, min(endpos, len(text)))
    pos = max(0, min(pos, end))
    base = pos - 1 if pos else 0
    if base == 0 and end == len(text):
        return 0, text, pos
    return base, text[base:end], pos - base


class Match:
    """One match, with offsets into the whole text; group 0 is the reported group."""

    __slots__ = ("_base", "_found", "re", "string")

    def __init__(self, regex: Regex, text: str, found: Any, base: int):
        self.re = regex
        self.string = text
        self._found = found
        self._base = base

    def __repr__(self) -> str:
        return f"<Match span={self.span()} match={self.group()!r}>"

    def _index(self, group: int | str) -> int:
        index = self.re.groupindex[group] if isinstance(group, str) else group
        if index == 0 and self._found.span(self.re._reported)[0] >= 0:
            return self.re._reported
        return index

    def span(self, group: int | str = 0) -> tuple[int, int]:
        start, end = self._found.span(self._index(group))
        return (-1, -1) if start < 0 else (start + self._base, end + self._base)

    def start(self, group: int | str = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self.span(group)[1]

    def group(self, *groups: int | str) -> Any:
        if len(groups) > 1:
            return tuple(self[group] for group in groups)
        return self[groups[0] if groups else 0]

    def __getitem__(self, group: int | str) -> str | None:
        return self._found[self._index(group)]

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        return tuple(default if self[index] is None else self[index] for index in range(1, self.re.groups + 1))

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return {name: default if self[name] is None else self[name] for name in self.re.groupindex}

    def expand(self, template: str) -> str:
        return self._found.expand(template)
