"""Dataset builders, each a chain of stages with per-stage counts (efficient-code SFT, preference pairs, compiler feedback, run-time DB)."""
