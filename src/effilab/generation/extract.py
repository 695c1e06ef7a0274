"""Code from a model's reply: fenced blocks in any style (``` or ~~~, with or without a language tag, unclosed at
the end of a truncated reply), bare code surrounded by prose, several blocks. The block that defines the entry point
wins; helper blocks it needs that define other top-level names are kept before it."""

from __future__ import annotations

import ast
import re

_FENCE = re.compile(r"^[ \t]*(```+|~~~+)[ \t]*([\w+#.-]*)[^\n]*\n(.*?)(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_THINK = re.compile(r"<think>.*?(</think>|\Z)", re.S | re.I)
_CODE_START = re.compile(r"^(def |class |async def |import |from |@|if __name__)")
_OTHER_LANGS = {"text", "bash", "sh", "shell", "console", "output", "json", "plaintext", "diff"}


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
        return True
    except (SyntaxError, ValueError):
        return False


def _defined(code: str) -> set[str]:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return set()
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def fenced_blocks(reply: str) -> list[tuple[str, str]]:
    """(language tag, code) of every fenced block, in order."""
    return [(m.group(2).lower(), m.group(3).rstrip() + "\n") for m in _FENCE.finditer(reply)]


def _bare_code(reply: str) -> str:
    """Unfenced code: from the first line that looks like code, the longest run of lines that parses."""
    lines = reply.splitlines()
    start = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), None)
    if start is None:
        return reply.strip() + "\n" if _parses(reply) and reply.strip() else ""
    for end in range(len(lines), start, -1):
        chunk = "\n".join(lines[start:end]).rstrip()
        if chunk and _parses(chunk):
            return chunk + "\n"
    return ""


def extract_code(reply: str, entry_point: str | None = None, language: str = "python") -> str:
    """The code in `reply` (empty when there is none). For Python, blocks that do not parse rank last."""
    reply = _THINK.sub("", reply)
    blocks = [(tag, code) for tag, code in fenced_blocks(reply) if tag not in _OTHER_LANGS and code.strip()]
    if not blocks:
        return _bare_code(reply) if language == "python" else reply.strip() + "\n" if reply.strip() else ""
    if language != "python":
        return max(blocks, key=lambda b: len(b[1]))[1]
    codes = [code for _, code in blocks]
    head = (entry_point or "").partition(".")[0]
    chosen = None
    if head:
        defining = [i for i, code in enumerate(codes) if head in _defined(code)]
        chosen = defining[-1] if defining else None  # the last definition: models often revise as they go
    if chosen is None:
        parsing = [i for i, code in enumerate(codes) if _parses(code)]
        chosen = max(parsing or range(len(codes)), key=lambda i: len(codes[i]))
    main = codes[chosen]
    have = _defined(main)
    helpers = []
    for i, code in enumerate(codes):  # other blocks that only define things the chosen block lacks (helpers)
        names = _defined(code)
        if i != chosen and names and not names & have and _parses(code) and any(n in main for n in names):
            helpers.append(code)
            have |= names
    return "".join(helpers) + main
