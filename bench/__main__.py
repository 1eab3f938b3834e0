"""Run every benchmark module in bench/ (each one's `main()`), or those named on the command line."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def main(argv: list[str]) -> int:
    names = argv or sorted(info.name for info in pkgutil.iter_modules(bench.__path__) if not info.name.startswith("_"))
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        run = getattr(module, "main", None)
        if run is None:
            continue
        print(f"== bench.{name}")
        run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
