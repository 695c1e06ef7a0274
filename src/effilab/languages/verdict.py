"""Verdicts: what effilab concludes about one candidate on one task, with per-test outcomes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["passed", "failed", "error", "timeout", "memory_limit", "output_limit", "compile_error",
                 "sandbox_error"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


class TestOutcome(BaseModel):
    __test__ = False

    index: int
    name: str | None = None
    status: Literal["ok", "fail", "error", "memory", "output_limit"]
    message: str | None = None
    seconds: float | None = None


class Verdict(BaseModel):
    status: Status
    reason: str  # one line a person can act on
    tests: list[TestOutcome] = Field(default_factory=list)
    tests_total: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    max_rss_kb: int = 0
    backend: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def verdict_from_outcomes(outcomes: list[TestOutcome], total: int, base: dict) -> Verdict:
    """The verdict of a run whose every test reported: the first not-ok test decides, in order of severity
    (memory, output limit, error, wrong answer); `base` holds the run's other Verdict fields."""
    for wanted, verdict in (("memory", "memory_limit"), ("output_limit", "output_limit"), ("error", "error"),
                            ("fail", "failed")):
        bad = next((o for o in outcomes if o.status == wanted), None)
        if bad:
            others = sum(o.status != "ok" for o in outcomes)
            name = bad.name or f"#{bad.index}"
            return Verdict(status=verdict, reason=f"test {name}: {bad.message or bad.status}"
                           + (f" ({others} of {total} tests not ok)" if others > 1 else ""), **base)
    return Verdict(status="passed", reason=f"all {total} tests passed", **base)
