"""Entity recogniser: load time in a fresh process, and tagging speed on real Arabic newswire.

The text is ANERcorp's training portion (sentences joined by spaces, five to a paragraph) when
`../shared/data/ner/` is there, else the sample articles. Speed is UTF-8 megabytes (10^6 bytes) of
text per second of CPU time on one core (the wall clock is shown too: on a shared machine it is
longer), through `find_entities` as the app calls it. "Cold" is the first pass, when every word is
new to the per-spelling caches; "warm" is a second pass over the same text.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
CONLL = ROOT / ".." / "shared" / "data" / "ner" / "anercorp-train.conll"

LOAD = """
import time
started, cpu = time.perf_counter(), time.process_time()
import reader.entities as entities
imported, imported_cpu = time.perf_counter(), time.process_time()
entities.find_entities("قال الرئيس الروسي فلاديمير بوتين في موسكو.")
print(imported - started, time.perf_counter() - imported, imported_cpu - cpu, time.process_time() - imported_cpu)
"""


def paragraphs() -> tuple[str, list[str]]:
    if CONLL.is_file():
        from reader.entities.conll import read

        sentences = [s.text for s in read(CONLL)]
        return "ANERcorp training text", [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    # Read as the reader reads them: one sample is in windows-1256, which a UTF-8 read refuses.
    from reader.sources import load_path

    texts = [
        "\n".join(block.text for block in load_path(str(p)).blocks) for p in sorted((ROOT / "articles").glob("*.txt"))
    ]
    return "sample articles", [line for text in texts for line in text.splitlines() if line.strip()]


def passes() -> None:
    """One cold and one warm pass in this process (fresh caches): CPU and wall seconds, mentions."""
    from reader.entities import find_entities, get

    get()  # loading is timed apart; the passes time tagging alone
    _name, texts = paragraphs()
    for _ in ("cold", "warm"):
        started, cpu = time.perf_counter(), time.process_time()
        found = sum(len(find_entities(t)) for t in texts)
        print(time.process_time() - cpu, time.perf_counter() - started, found)


def main() -> None:
    runs = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append([float(x) for x in out.stdout.split()])
    imported, first = min(r[0] for r in runs), min(r[1] for r in runs)
    imported_cpu, first_cpu = min(r[2] for r in runs), min(r[3] for r in runs)
    print(
        f"import reader.entities: {imported * 1000:.0f} ms ({imported_cpu * 1000:.0f} ms CPU); first call (loads model"
        f" and lists): {first * 1000:.0f} ms ({first_cpu * 1000:.0f} ms CPU; best of {RUNS} processes)"
    )

    # Cold caches exist once per process: each of RUNS fresh processes makes one cold and one warm
    # pass, and the least disturbed (fastest) of each is shown, as for the other benchmarks.
    timings = []
    for _ in range(RUNS):
        command = [sys.executable, "-c", "from bench.entities import passes; passes()"]
        out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        timings.append([[float(x) for x in line.split()] for line in out.stdout.splitlines()])
    name, texts = paragraphs()
    size = sum(len(t.encode("utf-8")) for t in texts)
    chars = sum(len(t) for t in texts)
    for index, label in enumerate(("cold word caches", "warm word caches")):
        cpu = min(run[index][0] for run in timings)
        elapsed = min(run[index][1] for run in timings)
        found = int(timings[0][index][2])
        print(
            f"{name}, {label}: {size / 1e6:.2f} MB ({chars:,} characters), {found:,} mentions: "
            f"{size / 1e6 / cpu:.2f} MB per CPU second ({size / 1e6 / elapsed:.2f} MB/s wall clock; best of {RUNS})"
        )


if __name__ == "__main__":
    main()
