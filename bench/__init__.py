"""Benchmarks, run by `make bench` (`python -m bench`): they print figures; they are not tests.

Each module in this package with a `main()` is one benchmark; `python -m bench NAME` runs one.
"""
