"""Benchmarks of the answering engine at scale (not part of the installed package)."""
