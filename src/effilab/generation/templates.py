"""Named, versioned prompt templates. A template turns a task (and, for refinement, code and a profile) into chat
messages; its `key` ("name@version") goes into the generation cache and every record, so a changed wording is a new
version, never a silent change to old results."""

from __future__ import annotations

from dataclasses import dataclass

from effilab.generation.base import Message
from effilab.registry import Registry
from effilab.tasks.models import Task


@dataclass(frozen=True)
class Template:
    name: str
    version: int
    system: str
    user: str  # str.format fields: prompt, description, code, profile, entry_point, language
    doc: str = ""

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    def render(self, task: Task, code: str = "", profile: str = "") -> list[Message]:
        fields = {"prompt": task.prompt.rstrip(), "description": describe(task), "code": code.rstrip(),
                  "profile": profile.rstrip(), "entry_point": task.entry_point or "the program",
                  "language": task.language}
        messages = [{"role": "system", "content": self.system}] if self.system else []
        return messages + [{"role": "user", "content": self.user.format(**fields)}]


def describe(task: Task) -> str:
    """The task's structured description as text (title, statement, formats, samples, note), or its prompt."""
    d = task.description
    if d is None:
        return task.prompt.rstrip()
    parts = [f"# {d.title}" if d.title else "", d.statement or ""]
    if d.input_format:
        parts.append(f"Input: {d.input_format}")
    if d.output_format:
        parts.append(f"Output: {d.output_format}")
    for i, sample in enumerate(d.samples, 1):
        parts.append(f"Example {i}: input {sample.get('input', '')} -> output {sample.get('output', '')}")
    if d.note:
        parts.append(f"Note: {d.note}")
    return "\n".join(p for p in parts if p)


templates: Registry[Template] = Registry("prompt template")

_CODER_SYSTEM = "You are an expert programmer who writes correct and efficient code."
_FAST = ("Make it as efficient as possible in running time and memory: choose the algorithm with the best "
         "complexity, avoid needless copies and repeated work.")

for _t in (
    Template("complete", 1, _CODER_SYSTEM,
             "Complete the following {language} function. Do not modify the given code (signature, docstring).\n"
             + _FAST + "\nReturn all completed functions in one ```{language} code block.\n\n```{language}\n"
             "{prompt}\n```",
             doc="Function completion in the DeepSeek-Coder-instruct style."),
    Template("epc", 1, _CODER_SYSTEM,
             "Problem description:\n{description}\n\nThis solution is correct but inefficient:\n```{language}\n"
             "{code}\n```\nWrite an efficient solution to the same problem with the same entry point "
             "({entry_point}). " + _FAST + " Return the code in one ```{language} code block.",
             doc="E-code's EPC prompt: problem description + inefficient code -> efficient code."),
    Template("leetcode", 1, _CODER_SYSTEM,
             "{description}\n\nWrite the solution as a LeetCode-style `class Solution` with this method:\n"
             "```{language}\n{prompt}\n```\n" + _FAST + " Return the whole class in one ```{language} code block.",
             doc="LeetCode `class Solution` completion (EffiBench, Mercury)."),
    Template("soap", 1, _CODER_SYSTEM,
             "Task:\n{prompt}\n\nCurrent correct solution:\n```{language}\n{code}\n```\n\nWe ran it on the task's "
             "tests and profiled it. Execution profile:\n{profile}\n\nUse the profile: the hot lines and "
             "memory overhead above are where the time and memory go. Rewrite the solution so it is faster and "
             "uses less memory while staying correct; keep the entry point {entry_point}. Return the complete "
             "optimised code in one ```{language} code block.",
             doc="SOAP refinement: task, current code and its time/memory profile."),
    Template("self-refine", 1, _CODER_SYSTEM,
             "Task:\n{prompt}\n\nCurrent correct solution:\n```{language}\n{code}\n```\n\nRewrite the solution so "
             "it is faster and uses less memory while staying correct; keep the entry point {entry_point}. "
             "Return the complete optimised code in one ```{language} code block.",
             doc="The no-profile ablation of SOAP (plain self-refinement)."),
):
    templates.register(_t.name)(_t)


def get_template(name: str) -> Template:
    """A template by "name" or "name@version" (the version must match the registered one)."""
    base, _, version = name.partition("@")
    template = templates.get(base)
    if version and version != str(template.version):
        raise ValueError(f"template {base!r} is at version {template.version}, not {version}")
    return template
