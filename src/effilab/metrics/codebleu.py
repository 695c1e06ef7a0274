"""CodeBLEU (Ren et al. 2020) from the `codebleu` package, per candidate, as the maximum over several references.

    CodeBLEU = a * BLEU + b * weighted BLEU (keywords weigh 1, other tokens 0.2) + c * AST subtree match
               + d * data-flow match,  (a, b, c, d) = (0.25, 0.25, 0.25, 0.25)

The package's quirk: it adds `d * (dataflow or 1)`, so a data-flow score of 0 counts as 1, whether it is 0 because
nothing matched (the candidate is then rewarded for the worst data flow) or because the reference has no data flow
at all (nothing to compare). Here the two cases are told apart explicitly: with `dataflow_zero="score"` (default) a
real 0 counts as 0 and a reference without data flow drops the term, the other weights renormalised to sum to 1;
`dataflow_zero="package"` reproduces the package's figure. Every result carries its components and which case held.

E-code scores a candidate against each efficient reference and keeps the best; `codebleu_max` does that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

LANGS = {"python": "python", "cpp": "cpp"}
WEIGHTS = (0.25, 0.25, 0.25, 0.25)


@dataclass(frozen=True)
class CodeBLEU:
    codebleu: float
    ngram: float
    weighted_ngram: float
    syntax: float
    dataflow: float | None  # None: the reference has no data flow (the term was left out)
    package_codebleu: float  # what `codebleu.calc_codebleu` reports (its "0 counts as 1" rule)

    def as_dict(self) -> dict:
        return asdict(self)


def _package():
    try:
        import codebleu
        from codebleu import dataflow_match
    except ImportError as exc:
        raise ImportError(f"CodeBLEU needs the 'codebleu' package ({exc.name} is missing); install it with: "
                          "pip install 'effilab[ecode]'") from exc
    return codebleu, dataflow_match


def reference_dataflows(reference: str, language: str) -> int:
    """How many normalised data-flow edges the package extracts from a reference (0: the term is undefined)."""
    _, dataflow_match = _package()
    from codebleu.utils import get_tree_sitter_language
    from tree_sitter import Parser

    lang = LANGS[language]
    parser = Parser()
    parser.language = get_tree_sitter_language(lang)
    try:
        code = dataflow_match.remove_comments_and_docstrings(reference, lang)
    except Exception:  # the package's own fallback: score the code as written
        code = reference
    flows = dataflow_match.get_data_flow(code, [parser, dataflow_match.dfg_function[lang]])
    return len(dataflow_match.normalize_dataflow(flows))


def codebleu_score(candidate: str, reference: str, language: str, weights: tuple[float, ...] = WEIGHTS,
                   dataflow_zero: Literal["score", "package"] = "score") -> CodeBLEU:
    if language not in LANGS:
        raise ValueError(f"CodeBLEU here supports {', '.join(LANGS)}, not {language!r}")
    codebleu, _ = _package()
    import logging

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # its "no data flow" warning
    parts = codebleu.calc_codebleu([reference], [candidate], lang=LANGS[language], weights=tuple(weights))
    a, b, c, d = weights
    ngram, weighted, syntax = parts["ngram_match_score"], parts["weighted_ngram_match_score"], \
        parts["syntax_match_score"]
    package = parts["codebleu"]
    if dataflow_zero == "package":
        return CodeBLEU(package, ngram, weighted, syntax, parts["dataflow_match_score"], package)
    if reference_dataflows(reference, language) == 0:
        rest = a + b + c
        score = (a * ngram + b * weighted + c * syntax) / rest if rest else 0.0
        return CodeBLEU(score, ngram, weighted, syntax, None, package)
    dataflow = parts["dataflow_match_score"]
    return CodeBLEU(a * ngram + b * weighted + c * syntax + d * dataflow, ngram, weighted, syntax, dataflow, package)


def codebleu_max(candidate: str, references: Sequence[str], language: str, **options) -> CodeBLEU:
    """The best score over the references (E-code: several accepted efficient programs per problem)."""
    if not references:
        raise ValueError("CodeBLEU needs at least one reference")
    return max((codebleu_score(candidate, r, language, **options) for r in references), key=lambda s: s.codebleu)
