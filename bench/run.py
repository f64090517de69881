"""Benchmark: full check (cold cache), incremental check (one new document, warm cache) and the OpenCC floor."""
from __future__ import annotations

import argparse
import codecs
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, beside this file)

TARGET_FLOOR_RATIO = 10.0
TARGET_RSS_MB = 1536
TARGET_SCALING = 12.0
TARGET_INCREMENTAL_S = 2.0
KIND_OF_FIELD = {"launch": "date", "leave": "date", "valuation": "amount", "users": "amount",
                 "officer_title": "title", "ceo": "name"}


# ------------------------------------------------------------------------- measuring


class TreeRss:
    """Peak of the summed RSS of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in _tree(self.pid)))
            self._stop.wait(self.interval)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def snapshot(work: Path) -> Path:
    """A frozen copy of factcheck/ and rules/ to run: edits made during the benchmark change
    the code hash in the cache key, and would turn the warm runs into cold ones."""
    target = work / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    for name in ("factcheck", "rules"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


# address space per process: a run that blows up fails alone instead of waking the OOM killer
LIMITS = {"memory_mb": 4096}


def timed(command: list[str], cwd: Path = ROOT) -> dict:
    """Wall time, largest single-process peak RSS (wait4) and peak RSS of the whole process tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, preexec_fn=_limit_memory)
        sampler = TreeRss(process.pid)
        # wait4: this child's own usage; its maxrss is the largest of it and its reaped workers
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        tree_kb = sampler.stop()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    run = {"seconds": seconds, "largest_rss_mb": usage.ru_maxrss / 1024, "tree_rss_mb": tree_kb / 1024,
           "stdout": stdout}
    if process.returncode != 0:
        last = [line for line in stderr.splitlines() if line.strip()][-1:] or [f"exit status {process.returncode}"]
        run["failed"] = last[0].strip()[:200]
    return run


def _limit_memory() -> None:
    import resource

    limit = LIMITS["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def floor(folder: Path) -> None:
    """Read every file and convert it to Simplified with OpenCC, in this one process; print JSON."""
    import opencc

    converter = opencc.OpenCC("t2s.json")
    start = time.perf_counter()
    size = chars = 0
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        size += len(data)
        chars += len(converter.convert(_decode(data)))
    print(json.dumps({"seconds": time.perf_counter() - start, "bytes": size, "chars": chars}))


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- the runs


def prepare(work: Path, size: int, seed: int) -> tuple[Path, Path, list[dict]]:
    """The corpus of `size` documents, the next document (for the incremental run), the manifest."""
    folder = work / str(size)
    corpus, extra, stamp = folder / "corpus", folder / "extra", folder / "stamp.json"
    wanted = {"size": size, "seed": seed, "generator": _hash(HERE / "generate.py")}
    if not stamp.is_file() or json.loads(stamp.read_text()) != wanted:
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {size} documents ...", flush=True)
        manifest = generate.generate(corpus, size, seed)
        generate.generate(extra, 1, seed, start=size)
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        stamp.write_text(json.dumps(wanted))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return corpus, next(extra.iterdir()), manifest


def _hash(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def check_command(corpus: Path, cache: Path, report: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "factcheck", "check", str(corpus), "--format", "json", "--output", str(report),
            "--cache", str(cache), "--jobs", str(jobs), "--exit-zero"]


def measure(work: Path, size: int, seed: int, jobs: int, code: Path, repeat: int) -> dict:
    corpus, extra, manifest = prepare(work, size, seed)
    folder = corpus.parent
    cache, report = folder / "cache.sqlite", folder / "report.json"
    (corpus / extra.name).unlink(missing_ok=True)
    cache.unlink(missing_ok=True)
    report.unlink(missing_ok=True)
    size_bytes = sum(p.stat().st_size for p in corpus.iterdir())
    print(f"measuring {size} documents ...", flush=True)

    floor_run = _median([timed([sys.executable, str(HERE / "run.py"), "--floor", str(corpus)]) for _ in range(repeat)])
    cold_runs = []
    for _ in range(repeat):  # each time with an empty cache; the last one's cache serves the warm runs
        cache.unlink(missing_ok=True)
        cold_runs.append(timed(check_command(corpus, cache, report, jobs), code))
    cold = _median(cold_runs)
    findings = detected = None
    if "failed" not in cold:
        findings = len(json.loads(report.read_text(encoding="utf-8"))["findings"])
        detected = _detected(report, manifest)
    warm = _median([timed(check_command(corpus, cache, report, jobs), code) for _ in range(repeat)])
    warm_cache = folder / "cache.warm.sqlite"
    shutil.copy(cache, warm_cache)
    incremental_runs = []
    for _ in range(repeat):  # each time against the same warm cache, the document new to it
        shutil.copy(warm_cache, cache)
        shutil.copy(extra, corpus / extra.name)
        try:
            incremental_runs.append(timed(check_command(corpus, cache, report, jobs), code))
        finally:
            (corpus / extra.name).unlink()
    warm_cache.unlink()
    incremental = _median(incremental_runs)
    return {
        "documents": size, "megabytes": size_bytes / 1e6, "findings": findings,
        "planted": len(manifest), "planted_detected": detected,
        "floor": _summary(floor_run, size, size_bytes),
        "floor_inside_s": json.loads(floor_run["stdout"])["seconds"],
        "cold": _summary(cold, size, size_bytes),
        "warm_unchanged": _summary(warm, size, size_bytes),
        "incremental": _summary(incremental, size, size_bytes),
    }


def _median(runs: list[dict]) -> dict:
    """The run of median time (a failed run counts as the slowest), with every time it was measured in."""
    ordered = sorted(runs, key=lambda run: ("failed" in run, run["seconds"]))
    return {**ordered[(len(ordered) - 1) // 2], "all_seconds": [round(run["seconds"], 3) for run in runs]}


def _summary(run: dict, size: int, size_bytes: int) -> dict:
    summary = {"seconds": round(run["seconds"], 3), "docs_per_s": round(size / run["seconds"], 1),
               "mb_per_s": round(size_bytes / 1e6 / run["seconds"], 2),
               "largest_rss_mb": round(run["largest_rss_mb"], 1), "tree_rss_mb": round(run["tree_rss_mb"], 1)}
    if "failed" in run:
        summary["failed"] = run["failed"]
    if "all_seconds" in run:
        summary["all_seconds"] = run["all_seconds"]
    return summary


def _detected(report: Path, manifest: list[dict]) -> int:
    """Planted contradictions for which a finding of the right kind cites the planted document."""
    cited = {(claim["doc"].rsplit("/", 1)[-1], finding["kind"])
             for finding in json.loads(report.read_text(encoding="utf-8"))["findings"]
             for side in finding["sides"] for claim in side["claims"]}
    return sum((entry["doc"], KIND_OF_FIELD[entry["field"]]) in cited for entry in manifest)


# ---------------------------------------------------------------------------- report


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal:"))
    return {"nproc": os.cpu_count(), "cpu": model, "memory_gb": round(memory_kb / 1024 / 1024, 1),
            "python": platform.python_version()}


def verdicts(results: list[dict]) -> list[tuple[str, bool, str]]:
    largest, smallest = results[-1], results[0]
    cold, incremental = largest["cold"], largest["incremental"]
    ok = "failed" not in cold
    out = [
        (f"full check of {largest['documents']} within {TARGET_FLOOR_RATIO:g}x the floor",
         ok and cold["seconds"] <= TARGET_FLOOR_RATIO * largest["floor"]["seconds"],
         f"{cold['seconds'] / largest['floor']['seconds']:.1f}x" if ok else "run failed"),
        (f"peak RSS under {TARGET_RSS_MB} MB (whole process tree)", ok and cold["tree_rss_mb"] < TARGET_RSS_MB,
         f"{cold['tree_rss_mb']:.0f} MB" if ok else "run failed"),
        (f"incremental run under {TARGET_INCREMENTAL_S:g} s",
         "failed" not in incremental and incremental["seconds"] < TARGET_INCREMENTAL_S,
         f"{incremental['seconds']:.2f} s" if "failed" not in incremental else "run failed"),
    ]
    if len(results) > 1:
        both = ok and "failed" not in smallest["cold"]
        ratio = cold["seconds"] / smallest["cold"]["seconds"]
        out.append((f"time({largest['documents']}) / time({smallest['documents']}) <= {TARGET_SCALING:g}",
                    both and ratio <= TARGET_SCALING, f"{ratio:.1f}" if both else "run failed"))
    return out


def print_report(results: list[dict], info: dict, jobs: int) -> None:
    print(f"\nmachine: {info['nproc']} cores, {info['cpu']}, {info['memory_gb']} GB, Python {info['python']}; --jobs {jobs}")
    print(f"{'docs':>6} {'MB':>6} {'run':<16} {'seconds':>8} {'docs/s':>8} {'MB/s':>6} {'RSS max':>8} {'RSS tree':>8}")
    for result in results:
        for name in ("floor", "cold", "warm_unchanged", "incremental"):
            run = result[name]
            spread = f"  (median of {', '.join(f'{t:.2f}' for t in run['all_seconds'])})" if len(run.get("all_seconds", [])) > 1 else ""
            print(f"{result['documents']:>6} {result['megabytes']:>6.1f} {name:<16} {run['seconds']:>8.2f} "
                  f"{run['docs_per_s']:>8.0f} {run['mb_per_s']:>6.1f} {run['largest_rss_mb']:>8.0f} {run['tree_rss_mb']:>8.0f}"
                  + (f"  FAILED: {run['failed']}" if "failed" in run else spread))
        if result["findings"] is not None:
            print(f"{'':>6} findings {result['findings']}, planted contradictions detected "
                  f"{result['planted_detected']}/{result['planted']}")
    for name, met, value in verdicts(results):
        print(f"{'MET ' if met else 'MISS'} {name}: {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=0, help="--jobs for factcheck (0 = all cores)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3,
                        help="every run (floor, cold, warm, incremental) is measured this many times; the median is reported")
    parser.add_argument("--work", type=Path, default=HERE / "out", help="where corpora, caches and reports go")
    parser.add_argument("--memory-limit-mb", type=int, default=LIMITS["memory_mb"],
                        help="address-space limit per process of the measured runs")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # internal: the floor's own process
    args = parser.parse_args()
    LIMITS["memory_mb"] = args.memory_limit_mb
    if args.floor:
        floor(args.floor)
        return
    args.work = args.work.resolve()
    code = snapshot(args.work)
    results = [measure(args.work, size, args.seed, args.jobs, code, args.repeat) for size in sorted(args.sizes)]
    info = machine()
    print_report(results, info, args.jobs)
    (args.work / "results.json").write_text(json.dumps({"machine": info, "jobs": args.jobs, "results": results},
                                                       indent=1) + "\n")


if __name__ == "__main__":
    main()
