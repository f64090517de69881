"""The one place the stages are chained: load -> clean -> normalise -> extract -> align -> check."""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence, Union

from . import align as align_stage
from . import cache as cache_stage
from .checks import run as check_stage
from . import clean as clean_stage
from . import extract as extract_stage
from . import read as load_stage
from . import normalise as normalise_stage
from .config import Config
from .model import Claim, Corpus, Document, DocumentStatus, RunResult, Skipped, outlet_of


@dataclass(frozen=True)
class Processed:
    """One document after the per-document stages: its summary (no text kept) and claims."""

    document: Document  # lines emptied: memory must not grow with texts already read
    claims: tuple[Claim, ...]


def process_document(path: Path, display: str, config: Config) -> Processed | Skipped:
    """load -> clean -> normalise -> extract for one file.

    A failure inside these stages is a bug of ours, not of the document: the document is skipped
    with the error as its reason (rule `internal-error`, so a gate fails on it) and the run goes on.
    """
    try:
        raw = load_stage.read(path, display)
        if isinstance(raw, Skipped):
            return raw
        document = normalise_stage.normalise(clean_stage.clean(raw, config), config)
        claims = extract_stage.extract(document, config)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not lose the others
        reason = f"internal error, please report: {type(exc).__name__}: {exc}".splitlines()[0]
        return Skipped(display, reason, rule="internal-error")
    return Processed(replace(document, lines=()), claims)


@dataclass(frozen=True)
class RunOptions:
    jobs: int = 1  # worker processes for the per-document stages; 0 = all cores
    cache: Path | None = None  # SQLite claims cache; None = no cache
    progress: Callable[[int, int], None] | None = None  # called with (done, total)
    names: Mapping[str, str] = field(default_factory=dict)  # a path as given -> its name in reports (standard input)


def run(paths: Sequence[str | Path], config: Config, options: RunOptions = RunOptions()) -> RunResult:
    """Check the documents under `paths` against each other; raises InputError, ConfigError."""
    found, skipped = load_stage.discover(paths)
    if options.names:
        found = renamed(found, options.names)
    outcomes = process_all(found, config, options)
    with collector_paused():
        return assemble(outcomes, skipped, config)


def renamed(found: Sequence[tuple[Path, str]], names: Mapping[str, str]) -> list[tuple[Path, str]]:
    """Files with the names reports give them: a document read from standard input takes the name
    it stands for, and a file of that name found on disk is not read (the input replaces it)."""
    taken = {names[str(path)] for path, _ in found if str(path) in names}
    kept = [(path, names.get(str(path), shown)) for path, shown in found if str(path) in names or shown not in taken]
    return sorted(kept, key=lambda pair: pair[1])


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a stage builds many long-lived objects, then
    freeze what is alive (gc.freeze), so later passes never scan it again.

    Claims, groups and findings live until the run ends and hold no reference cycles: reference
    counting frees them. The collector's passes over the 10^6 objects of a warm 10,000-document
    run took a quarter of it. Only cycles alive at the freeze could outlive their use, and the
    stages build none.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


# ------------------------------------------------------------ per-document stages at scale


Outcome = Union[Processed, Skipped]


@dataclass(frozen=True)
class _Task:
    """One document to process: its place in the input, where it is, and its content hash if cached."""

    index: int
    path: Path
    display: str
    sha: str | None  # the content hash read before processing; None if not read
    cached: bool  # whether a payload is built for the cache


def process_all(found: Sequence[tuple[Path, str]], config: Config, options: RunOptions) -> list[Outcome]:
    """Per-document outcomes in input order: cache hits reused, the rest processed on `jobs` cores."""
    cache = _open_cache(options.cache, config)
    paths = [path for path, _ in found]
    # With nothing stored under this code and these rules (a first run, a new version) no file can
    # be a hit: hashing them all here would read every file twice, once with the other core idle.
    shas = cache.content_hashes(paths, read=cache.holds_outcomes()) if cache else [None] * len(found)
    outcomes: list[Outcome | None] = _cached_outcomes(cache, found, shas) if cache else [None] * len(found)
    done = sum(o is not None for o in outcomes)
    if options.progress and done:
        options.progress(done, len(found))
    tasks = [_Task(i, path, display, shas[i], cache is not None) for i, (path, display) in enumerate(found) if outcomes[i] is None]
    payloads: dict[str, bytes] = {}
    for index, outcome, payload in _process_tasks(tasks, config, resolve_jobs(options.jobs)):
        outcome = outcomes[index] = outcome if outcome is not None else _outcome_of(payload, found[index][1])
        if cache and shas[index] is None and isinstance(outcome, Processed):
            shas[index] = cache.hashed(paths[index], outcome.document.sha256)  # the bytes the worker read
        sha = shas[index]
        if payload is not None and sha is not None:
            payloads[sha] = payload
        done += 1
        if options.progress:
            options.progress(done, len(found))
    if cache:
        cache.save(payloads, used=[sha for sha in shas if sha is not None])
        cache.close()
    return [o for o in outcomes if o is not None]


def resolve_jobs(jobs: int) -> int:
    """Worker processes to use: `jobs`, or every core this process may run on for 0."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _open_cache(path: Path | None, config: Config) -> "cache_stage.ClaimsCache | None":
    if path is None:
        return None
    cache = cache_stage.ClaimsCache(Path(path), config.digest)
    return cache if cache.usable else None


def _cached_outcomes(
    cache: "cache_stage.ClaimsCache", found: Sequence[tuple[Path, str]], shas: Sequence[str | None]
) -> list[Outcome | None]:
    """Outcomes read from the cache (None where absent); if any payload is damaged, none is used."""
    stored = cache.lookup(sha for sha in shas if sha is not None)
    outcomes: list[Outcome | None] = []
    with collector_paused():
        for (_, display), sha in zip(found, shas):
            payload = stored.get(sha) if sha is not None else None
            if payload is None:
                outcomes.append(None)
                continue
            decoded = cache.decode(payload, display)
            if decoded is None:  # the cache was rebuilt: trust nothing read from it
                return [None] * len(found)
            outcomes.append(decoded if isinstance(decoded, Skipped) else Processed(*decoded))
    return outcomes


def _process_tasks(
    tasks: Sequence[_Task], config: Config, jobs: int
) -> Iterator[tuple[int, Outcome | None, bytes | None]]:
    """(index, outcome, cache payload) for every task, in task order; in a pool when it pays
    (where the outcome is None when the payload holds it)."""
    workers = min(jobs, len(tasks))
    if workers <= 1:
        for task in tasks:
            yield _process_task(task, config)
        return
    import multiprocessing  # only when a pool is used
    from concurrent.futures import ProcessPoolExecutor

    chunksize = max(1, min(32, len(tasks) // (workers * 4)))
    context = multiprocessing.get_context()
    # a forkserver, not this process, is the parent of its workers: it ends when this process does
    parent = os.getpid() if context.get_start_method() in ("fork", "spawn") else None
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(config, parent))
    try:
        with _interrupts_held():  # the workers start (in map) with SIGINT blocked, until they ignore it
            results = pool.map(_worker_task, tasks, chunksize=chunksize)
        yield from results
    except BaseException:  # Ctrl-C, an error, or the caller stopped reading: no worker goes on
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT blocked in this thread meanwhile (and in processes forked meanwhile); one that came
    is delivered when this ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop_workers(pool: Any) -> None:
    """Kill the pool's workers now: they write nothing, so nothing is lost, and waiting for the
    chunks they hold would keep an interrupted run going."""
    if hasattr(pool, "kill_workers"):  # Python 3.14
        pool.kill_workers()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()


_worker_config: Config | None = None  # set once per worker process, not sent with every task


def _init_worker(config: Config, parent: int | None) -> None:
    global _worker_config
    _end_with_parent(parent)
    # a Ctrl-C reaches every process of the terminal's group: the parent alone decides what it ends
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_config = config


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _end_with_parent(parent: int | None) -> None:
    """Make this worker die with the process that started it, however that one ends (even by
    SIGKILL): an orphaned worker would hold the caller's stdout and stderr open, so a caller
    waiting for the end of that pipe would wait for ever. Linux kills the worker (prctl
    PR_SET_PDEATHSIG); elsewhere a thread watches for the parent to change."""
    if _parent_death_signal():
        if parent is not None and os.getppid() != parent:
            os._exit(1)  # the parent died before the signal was set: it would never come
        return
    if parent is None:
        return
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _worker_task(task: _Task) -> tuple[int, Outcome | None, bytes | None]:
    """In a pool worker: a cached outcome travels back as its payload alone (the codec writes
    only what it reads back identical), not pickled a second time; the parent decodes it."""
    assert _worker_config is not None
    index, outcome, payload = _process_task(task, _worker_config)
    return (index, None, payload) if payload is not None else (index, outcome, None)


def _outcome_of(payload: bytes | None, display: str) -> Outcome:
    assert payload is not None  # a worker sends the outcome itself when it has no payload
    with collector_paused():
        decoded = cache_stage.decode(payload, display)
    return decoded if isinstance(decoded, Skipped) else Processed(*decoded)


def _process_task(task: _Task, config: Config) -> tuple[int, Outcome, bytes | None]:
    outcome = process_document(task.path, task.display, config)
    payload = _payload(outcome, task) if task.cached else None
    return task.index, outcome, payload


def _payload(outcome: Outcome, task: _Task) -> bytes | None:
    """The outcome serialised for the cache, or None if the codec cannot write it exactly."""
    # the file may have changed since it was hashed; a Processed carries the hash of what was read
    # (and is stored under it when the file was not hashed before); a Skipped carries none
    if isinstance(outcome, Skipped):
        if task.sha is None or cache_stage.content_hash(task.path) != task.sha:
            return None
    elif task.sha is not None and outcome.document.sha256 != task.sha:
        return None
    try:
        if isinstance(outcome, Skipped):
            return cache_stage.encode_skipped(outcome)
        return cache_stage.encode_processed(outcome.document, outcome.claims)
    except (TypeError, ValueError):
        return None  # a value the codec does not know: results stay right, just not cached


def assemble(outcomes: Sequence[Processed | Skipped], skipped: Sequence[Skipped], config: Config) -> RunResult:
    """align + check over per-document outcomes; statuses for every input path."""
    documents = [o.document for o in outcomes if isinstance(o, Processed)]
    all_skipped = sorted([*skipped, *(o for o in outcomes if isinstance(o, Skipped))], key=lambda s: s.path)
    claims = tuple(c for o in outcomes if isinstance(o, Processed) for c in o.claims)
    groups = align_stage.align(claims, config, {d.path: d.meta.published for d in documents})
    corpus = Corpus(tuple(documents), tuple(all_skipped), claims, groups, lexicon=dict(config.lexicon))
    findings = check_stage.check(corpus, config)
    statuses = [_status(o) for o in outcomes if isinstance(o, Processed)]
    statuses += [DocumentStatus(s.path, "skipped", reason=s.reason) for s in all_skipped]
    statuses.sort(key=lambda s: s.path)
    return RunResult(tuple(statuses), findings, claims, lexicon=corpus.lexicon)


def _status(outcome: Processed) -> DocumentStatus:
    doc = outcome.document
    published = doc.meta.published.isoformat() if doc.meta.published else ""
    return DocumentStatus(
        doc.path, "checked", encoding=doc.encoding, published=published,
        published_from=doc.meta.published_from, claims=len(outcome.claims),
        outlet=outlet_of(doc.meta), url=doc.meta.url,
    )
