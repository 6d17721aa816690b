"""Run the benchmarks: `python -m bench [NAME ...]`. Each `bench_NAME.py` exposes `main() -> None`."""

import importlib
import pkgutil
import platform
import sys
import time
from pathlib import Path


def _machine() -> str:
    cores = len(__import__("os").sched_getaffinity(0))
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("\n")[0].split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    return f"{platform.machine()}, {cores} cores{mem}, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(
        m.name[len("bench_") :] for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")
    )
    chosen = argv or names
    unknown = sorted(set(chosen) - set(names))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(names)}", file=sys.stderr)
        return 2
    print(f"# Naleving benchmarks on {_machine()}, {time.strftime('%Y-%m-%d')}")
    for name in chosen:
        print(f"\n## {name}")
        importlib.import_module(f"bench.bench_{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
