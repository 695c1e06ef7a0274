"""Improving code with a model: the SOAP self-optimisation loop and efficiency-first selection among samples."""
