"""A stand-in run-time predictor for the CLI test: longer code, longer predicted time."""


def predict(task, code: str) -> float:
    return float(len(code))
