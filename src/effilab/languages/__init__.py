"""Language adapters: how to build, run and judge code in each language."""

from effilab.registry import Registry

# language name -> run(task, code, sandbox, limits) -> Verdict
runners: Registry = Registry("language")
runners.register_lazy("python", "effilab.languages.python:run_python")
runners.register_lazy("cpp", "effilab.languages.cpp:run_cpp")
