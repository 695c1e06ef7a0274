"""C/C++ transforms on the tree-sitter syntax tree (language "cpp"; C parses as the C subset).

Preserving ones (comment deletion, identifier renaming, reordering of independent declarations, dead-code
insertion) give the same program; the tests compile and run original and transformed programs on their stdin tests.
Lossy ones make synthetic Bad samples (the human errors of the compiler-feedback paper: a typo in an identifier, a
missing semicolon, an unbalanced brace; token deletion) or take a part of a program (a function, a loop).

Every edit is a byte-range replacement found on the tree: no regular expressions over the source.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator

from effilab.transforms import Transformed, register

LANGUAGE = "cpp"
DECLARATOR_WRAPPERS = {"init_declarator", "pointer_declarator", "reference_declarator", "array_declarator",
                       "parenthesized_declarator", "function_declarator"}


@functools.cache
def _parser():
    try:
        import tree_sitter_cpp
        from tree_sitter import Language, Parser
    except ImportError as exc:  # pragma: no cover - extra missing
        raise ImportError(f"C++ transforms need tree-sitter ({exc.name}): pip install 'effilab[cpp]'") from exc
    return Parser(Language(tree_sitter_cpp.language()))


def parse(code: str):
    """The tree-sitter tree of `code` (UTF-8 bytes; node offsets are byte offsets)."""
    return _parser().parse(code.encode("utf-8"))


def walk(node) -> Iterator:
    """Every node below `node`, depth first, in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _text(node, src: bytes) -> str:
    return src[node.start_byte:node.end_byte].decode("utf-8", "replace")


def _apply(src: bytes, edits: list[tuple[int, int, bytes]]) -> str:
    """Replace byte ranges (non-overlapping), last first so earlier offsets stay valid."""
    out = src
    for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        out = out[:start] + new + out[end:]
    return out.decode("utf-8")


def _unchanged(code: str, why: str) -> Transformed:
    return Transformed(code, False, why)


def _parsed_clean(code: str):
    """(tree, bytes) when the program parses without errors, else None (preserving edits need a sound tree)."""
    tree = parse(code)
    return (tree, code.encode("utf-8")) if not tree.root_node.has_error else None


# --- comments --------------------------------------------------------------------------------------------------

def _comment_in_macro(text: bytes) -> int | None:
    """Offset of a comment start in a macro body (tree-sitter leaves those inside `preproc_arg`), outside string
    and character literals; None when there is none."""
    quote = None
    i = 0
    while i < len(text):
        ch = text[i:i + 1]
        if quote:
            if ch == b"\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in (b'"', b"'"):
            quote = ch
        elif text[i:i + 2] in (b"//", b"/*"):
            return i
        i += 1
    return None


@register("strip_comments", LANGUAGE, preserving=True)
def strip_comments(code: str, rng: random.Random) -> Transformed:
    """Delete every comment (// and /* */, also in macro bodies); string and character literals untouched."""
    found = _parsed_clean(code)
    if found is None:
        return _unchanged(code, "does not parse")
    tree, src = found
    edits = []
    for node in walk(tree.root_node):
        if node.type == "comment":
            # a block comment between two tokens separates them: leave a space
            edits.append((node.start_byte, node.end_byte, b" " if _text(node, src).startswith("/*") else b""))
        elif node.type == "preproc_arg":
            body = src[node.start_byte:node.end_byte]
            at = _comment_in_macro(body)
            if at is not None:
                if body[at:at + 2] == b"/*":  # a block comment may sit in the middle of a macro
                    close = body.find(b"*/", at + 2)
                    end = node.start_byte + (close + 2 if close >= 0 else len(body))
                    edits.append((node.start_byte + at, end, b" "))
                else:
                    edits.append((node.start_byte + at, node.end_byte, b""))
    if not edits:
        return _unchanged(code, "no comments")
    # trailing spaces left where a comment ended a line
    out = _apply(src, edits)
    return Transformed("\n".join(line.rstrip() for line in out.split("\n")), True, f"{len(edits)} comments removed")


# --- identifiers -----------------------------------------------------------------------------------------------

def _declared_name(declarator):
    """The identifier a declarator declares (through pointers, references, arrays, initialisers)."""
    node = declarator
    while node is not None and node.type in DECLARATOR_WRAPPERS:
        node = node.child_by_field_name("declarator")
    return node if node is not None and node.type == "identifier" else None


def _declarations(root) -> tuple[set[str], set[str]]:
    """(variable and parameter names, function names) declared in this file."""
    variables: set[str] = set()
    functions: set[str] = set()
    for node in walk(root):
        # (struct members are field identifiers, never renamed: field_declaration is not looked at)
        if node.type in ("declaration", "parameter_declaration", "optional_parameter_declaration"):
            for child in node.children_by_field_name("declarator"):
                name = _declared_name(child)
                if name is None:
                    continue
                # `std::vector<int> v(n);` in a block parses as a function declarator: there it is a variable
                local = node.parent is not None and node.parent.type in ("compound_statement", "for_statement")
                target = functions if child.type == "function_declarator" and not local else variables
                target.add(name.text.decode())
        elif node.type == "function_definition":
            name = _declared_name(node.child_by_field_name("declarator"))
            if name is not None:
                functions.add(name.text.decode())
        elif node.type == "for_range_loop":
            name = _declared_name(node.child_by_field_name("declarator"))
            if name is not None:
                variables.add(name.text.decode())
    return variables, functions


def _declared_types(root) -> set[str]:
    """Names this file declares as types (struct, class, enum, typedef, using, template parameters)."""
    types = set()
    for node in walk(root):
        if node.type in ("struct_specifier", "class_specifier", "union_specifier", "enum_specifier",
                         "alias_declaration", "type_definition", "type_parameter_declaration"):
            for child in node.named_children:
                if child.type == "type_identifier" and node.type != "type_definition":
                    types.add(child.text.decode())
            for child in node.children_by_field_name("declarator"):
                if child.type == "type_identifier":
                    types.add(child.text.decode())
    return types


@register("rename_identifiers", LANGUAGE, preserving=True)
def rename_identifiers(code: str, rng: random.Random) -> Transformed:
    """Give the file's own variables, parameters and functions (not `main`) fresh names, consistently."""
    found = _parsed_clean(code)
    if found is None:
        return _unchanged(code, "does not parse")
    tree, src = found
    variables, functions = _declarations(tree.root_node)
    leaves = {node.text.decode() for node in walk(tree.root_node) if node.child_count == 0 and node.text}
    macro_words = set()
    for node in walk(tree.root_node):
        if node.type.startswith("preproc") and node.type not in ("preproc_include", "preproc_ifdef"):
            macro_words.update(_text(node, src).replace("(", " ").replace(")", " ").replace(",", " ").split())
    calls_to_unknown = set()
    for node in walk(tree.root_node):
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            if callee is not None and callee.type == "identifier":
                calls_to_unknown.add(callee.text.decode())
    candidates = sorted(((variables - (calls_to_unknown - functions)) | functions) - {"main"} - macro_words
                        - _declared_types(tree.root_node))
    if not candidates:
        return _unchanged(code, "nothing to rename")
    rng.shuffle(candidates)
    mapping, k = {}, 0
    for name in candidates:
        while f"v{k}" in leaves:
            k += 1
        mapping[name] = f"{'f' if name in functions else 'v'}{k}"
        leaves.add(mapping[name])
        k += 1
    edits = []
    for node in walk(tree.root_node):
        # a type identifier with a variable's name is that variable seen through the most vexing parse
        if node.type in ("identifier", "type_identifier") and node.text.decode() in mapping:
            parent = node.parent
            if parent is not None and parent.type == "qualified_identifier":
                continue  # std::count is not our count
            edits.append((node.start_byte, node.end_byte, mapping[node.text.decode()].encode()))
    return Transformed(_apply(src, edits), True, f"{len(mapping)} names renamed")


# --- reordering ------------------------------------------------------------------------------------------------

def _independent_runs(block, src: bytes) -> list[list]:
    """Maximal runs of consecutive declarations in a block that neither call anything nor read a name declared in
    the same run: any order of them is the same program."""
    runs, current, names = [], [], set()

    def close():
        if len(current) > 1:
            runs.append(list(current))
        current.clear()
        names.clear()

    for stmt in block.named_children:
        if stmt.type != "declaration":
            close()
            continue
        declared = {n.text.decode() for d in stmt.children_by_field_name("declarator")
                    if (n := _declared_name(d)) is not None}
        used = {n.text.decode() for n in walk(stmt) if n.type == "identifier"} - declared
        calls = any(n.type in ("call_expression", "new_expression", "lambda_expression") for n in walk(stmt))
        storage = any(c.type in ("storage_class_specifier",) for c in stmt.children)
        if calls or storage or not declared:
            close()
            continue
        if used & names:
            close()
        current.append(stmt)
        names.update(declared)
    close()
    return runs


@register("reorder_declarations", LANGUAGE, preserving=True)
def reorder_declarations(code: str, rng: random.Random) -> Transformed:
    """Shuffle runs of adjacent declarations that do not depend on each other (no calls, no shared names)."""
    found = _parsed_clean(code)
    if found is None:
        return _unchanged(code, "does not parse")
    tree, src = found
    runs = [run for node in walk(tree.root_node) if node.type == "compound_statement"
            for run in _independent_runs(node, src)]
    if not runs:
        return _unchanged(code, "no independent declarations to reorder")
    edits = []
    for run in runs:
        texts = [src[s.start_byte:s.end_byte] for s in run]
        order = list(range(len(run)))
        for _ in range(8):  # a different order whenever the texts differ
            rng.shuffle(order)
            if [texts[i] for i in order] != texts:
                break
        for stmt, i in zip(run, order):
            edits.append((stmt.start_byte, stmt.end_byte, texts[i]))
    out = _apply(src, edits)
    if out == code:
        return _unchanged(code, "every order is the same text")
    return Transformed(out, True, f"{len(runs)} runs reordered")


# --- dead code -------------------------------------------------------------------------------------------------

@register("insert_dead_code", LANGUAGE, preserving=True)
def insert_dead_code(code: str, rng: random.Random) -> Transformed:
    """Insert a block that computes nothing observable at the start of a function body (warning-free)."""
    found = _parsed_clean(code)
    if found is None:
        return _unchanged(code, "does not parse")
    tree, src = found
    bodies = [n.child_by_field_name("body") for n in walk(tree.root_node) if n.type == "function_definition"]
    bodies = [b for b in bodies if b is not None and b.type == "compound_statement"]
    if not bodies:
        return _unchanged(code, "no function body")
    leaves = {node.text.decode() for node in walk(tree.root_node) if node.child_count == 0 and node.text}
    k = rng.randrange(1000)
    while f"unused_{k}" in leaves:
        k += 1
    body = rng.choice(bodies)
    dead = f" {{ int unused_{k} = {rng.randrange(100)}; (void)unused_{k}; }}".encode()
    return Transformed(_apply(src, [(body.start_byte + 1, body.start_byte + 1, dead)]), True, "dead block inserted")


# --- extraction (lossy: a part of a program) -------------------------------------------------------------------

def _extract(code: str, rng: random.Random, types: tuple[str, ...], what: str) -> Transformed:
    tree = parse(code)
    src = code.encode("utf-8")
    found = [n for n in walk(tree.root_node) if n.type in types and not n.has_error]
    if not found:
        return _unchanged(code, f"no {what}")
    node = rng.choice(found)
    return Transformed(_text(node, src), True, f"{what} at line {node.start_point[0] + 1}")


@register("extract_function", LANGUAGE, preserving=False)
def extract_function(code: str, rng: random.Random) -> Transformed:
    """One function definition of the program, on its own."""
    return _extract(code, rng, ("function_definition",), "function")


@register("extract_loop", LANGUAGE, preserving=False)
def extract_loop(code: str, rng: random.Random) -> Transformed:
    """One loop (for, range-for, while, do) of the program, on its own."""
    return _extract(code, rng, ("for_statement", "for_range_loop", "while_statement", "do_statement"), "loop")


# --- human errors (lossy: synthetic Bad samples) ---------------------------------------------------------------

@register("inject_typo", LANGUAGE, preserving=False)
def inject_typo(code: str, rng: random.Random) -> Transformed:
    """Misspell one use of a variable the program declares (a letter doubled, dropped or swapped)."""
    tree = parse(code)
    src = code.encode("utf-8")
    variables, functions = _declarations(tree.root_node)
    names = (variables | functions) - {"main"}
    uses = [n for n in walk(tree.root_node) if n.type == "identifier" and n.text.decode() in names]
    if not uses:
        return _unchanged(code, "no declared identifier to misspell")
    node = rng.choice(uses)
    name = node.text.decode()
    i = rng.randrange(len(name))
    kind = rng.choice(["double", "drop", "swap"] if len(name) > 1 else ["double"])
    swapped = name[:i] + name[i + 1:i + 2] + name[i:i + 1] + name[i + 2:] if i + 1 < len(name) else name + name[-1]
    typo = {"double": name[:i + 1] + name[i:], "drop": name[:i] + name[i + 1:], "swap": swapped}[kind]
    if typo == name or typo in names:
        typo = name + name[-1]
    return Transformed(_apply(src, [(node.start_byte, node.end_byte, typo.encode())]), True,
                       f"{name} -> {typo} at line {node.start_point[0] + 1}")


def _delete_one(code: str, rng: random.Random, nodes: list, none_why: str, what) -> Transformed:
    """Delete one of `nodes` chosen with `rng` (the lossy deletions below differ only in what they may delete);
    `what(node)` names it in the note."""
    if not nodes:
        return _unchanged(code, none_why)
    node = rng.choice(nodes)
    return Transformed(_apply(code.encode("utf-8"), [(node.start_byte, node.end_byte, b"")]), True,
                       f"{what(node)} at line {node.start_point[0] + 1} removed")


@register("drop_semicolon", LANGUAGE, preserving=False)
def drop_semicolon(code: str, rng: random.Random) -> Transformed:
    """Delete one statement-ending semicolon."""
    semis = [n for n in walk(parse(code).root_node) if n.type == ";" and n.parent is not None
             and n.parent.type in ("expression_statement", "declaration", "return_statement", "break_statement",
                                   "continue_statement")]
    return _delete_one(code, rng, semis, "no semicolon", lambda node: "semicolon")


@register("unbalance_brace", LANGUAGE, preserving=False)
def unbalance_brace(code: str, rng: random.Random) -> Transformed:
    """Delete the opening or the closing brace of one block."""
    braces = [c for n in walk(parse(code).root_node) if n.type == "compound_statement" for c in n.children
              if c.type in ("{", "}")]
    return _delete_one(code, rng, braces, "no braces", lambda node: f"'{node.type}'")


@register("delete_token", LANGUAGE, preserving=False)
def delete_token(code: str, rng: random.Random) -> Transformed:
    """Delete one token (outside preprocessor lines and comments)."""
    tokens = [n for n in walk(parse(code).root_node) if n.child_count == 0 and n.end_byte > n.start_byte
              and n.type != "comment" and not any(a.type.startswith("preproc") for a in _ancestors(n))]
    return _delete_one(code, rng, tokens, "no tokens",
                       lambda node: f"token {node.text.decode(errors='replace')!r}")


def _ancestors(node) -> Iterator:
    node = node.parent
    while node is not None:
        yield node
        node = node.parent
