"""The CodeBLEU wrapper against hand-checked cases, and the package's data-flow quirk."""

from __future__ import annotations

import pytest

pytest.importorskip("codebleu")

from effilab.metrics.codebleu import codebleu_max, codebleu_score, reference_dataflows  # noqa: E402

SUM = "def total(xs):\n    acc = 0\n    for x in xs:\n        acc = acc + x\n    return acc\n"
UNRELATED = "import re\nclass Parser:\n    pass\nprint(re.findall('a', 'banana'))\n"


def test_identical_code_scores_one_and_unrelated_code_far_less():
    same = codebleu_score(SUM, SUM, "python")
    assert same.codebleu == pytest.approx(1.0)
    assert (same.ngram, same.weighted_ngram, same.syntax, same.dataflow) == pytest.approx((1, 1, 1, 1))
    other = codebleu_score(UNRELATED, SUM, "python")
    assert other.codebleu < 0.3
    cpp = "int main() { int a = 1; int b = a + 2; return b; }"
    assert codebleu_score(cpp, cpp, "cpp").codebleu == pytest.approx(1.0)


def test_zero_dataflow_counts_as_zero_not_one():
    """The package adds 0.25 * (dataflow or 1): a candidate matching none of the reference's data flow gets the
    full data-flow credit there. Here it gets none."""
    assert reference_dataflows(SUM, "python") > 0
    score = codebleu_score("print(1)\n", SUM, "python")
    assert score.dataflow == 0
    expected = 0.25 * (score.ngram + score.weighted_ngram + score.syntax)
    assert score.codebleu == pytest.approx(expected)
    assert score.package_codebleu == pytest.approx(expected + 0.25)
    package = codebleu_score("print(1)\n", SUM, "python", dataflow_zero="package")
    assert package.codebleu == pytest.approx(score.package_codebleu)


def test_reference_without_dataflow_drops_the_term_and_renormalises():
    reference = "print(1)\n"
    assert reference_dataflows(reference, "python") == 0
    score = codebleu_score("print(2)\n", reference, "python")
    assert score.dataflow is None
    assert score.codebleu == pytest.approx((score.ngram + score.weighted_ngram + score.syntax) / 3)


def test_max_over_references_takes_the_best():
    best = codebleu_max(SUM, [UNRELATED, SUM], "python")
    assert best.codebleu == pytest.approx(1.0)
    assert codebleu_max(SUM, [UNRELATED], "python").codebleu < 0.3
    with pytest.raises(ValueError):
        codebleu_max(SUM, [], "python")
