"""Errors every backend may raise, importable without any backend's dependencies (the CLI catches them)."""


class GenerationError(RuntimeError):
    """The model or its server refused or failed a request for good (after retries where retrying made sense)."""


class AuthenticationError(GenerationError):
    """401/403: the API key is missing or wrong."""


class UnknownModelError(GenerationError):
    """The server does not serve the model asked for."""
