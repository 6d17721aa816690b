"""Benchmarks: `make bench` runs every `bench_*.py` module here (never part of `make test`)."""
