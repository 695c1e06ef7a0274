"""Model generation: the `Generator` protocol, its backends (registered lazily by name), prompt templates and code
extraction from replies."""
