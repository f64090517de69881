"""Issue 11: a run never hangs its caller and never orphans a process.

Each test runs factcheck in a process of its own, as a caller (a shell, CI) would, with stdout and
stderr to pipes. The waits are bounds that only stop a hang (a run that finishes in time passes
whatever its speed); no test asserts how fast anything is.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")

HANG_GUARD = 120  # seconds: only ever reached by a run that hangs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """200 small documents, enough to keep two workers busy for a while."""
    folder = tmp_path_factory.mktemp("signals") / "docs"
    folder.mkdir()
    for i in range(200):
        lines = [f"東方電池公司於2025年{i % 12 + 1}月{line % 28 + 1}日宣布第{line}期工程完工，投資{i + line}億元。"
                 for line in range(120)]
        (folder / f"doc{i:03d}.txt").write_text("date: 2025-12-20\n---\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def start(*args: str) -> subprocess.Popen:
    """factcheck in a new session (its own process group, as a terminal's foreground job is)."""
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def check_command(corpus: Path) -> tuple[str, ...]:
    return ("check", str(corpus), "--jobs", "2", "--no-cache", "--format", "json")


def children(pid: int) -> list[int]:
    """The processes the main thread of `pid` started (the pool starts its workers from it)."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_for_workers(process: subprocess.Popen, count: int = 2) -> list[int]:
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        if len(workers) >= count:
            return workers
        time.sleep(0.01)
    pytest.fail(f"the run never had {count} workers (exit code {process.poll()})")


def survivors(pids: list[int], bound: float = 10.0) -> list[int]:
    """The pids still alive after up to `bound` seconds (polled: [] as soon as all are gone)."""
    deadline = time.monotonic() + bound
    while True:
        left = [pid for pid in pids if alive(pid)]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def stop_all(process: subprocess.Popen, pids: list[int]) -> None:
    """Clean up after a failed test: this test's own processes only, by pid."""
    for pid in [process.pid, *pids]:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    process.communicate()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent_and_the_pipe_reaches_its_end(corpus, sig):
    process = start(*check_command(corpus))
    workers: list[int] = []
    try:
        workers = wait_for_workers(process)
        os.kill(process.pid, sig)
        assert survivors(workers) == []
        # every writer of the pipes is gone: reading them ends (a hang here is the bug)
        out, err = process.communicate(timeout=HANG_GUARD)
        assert process.returncode == -sig
        assert err == b""
    finally:
        stop_all(process, workers)


def test_ctrl_c_during_a_parallel_run_is_one_line_exit_130_and_no_worker_left(corpus):
    process = start(*check_command(corpus))
    workers: list[int] = []
    try:
        workers = wait_for_workers(process)
        os.killpg(process.pid, signal.SIGINT)  # as a terminal does: every process of the group
        out, err = process.communicate(timeout=HANG_GUARD)
        assert (process.returncode, err.decode()) == (130, "factcheck: interrupted\n")
        assert out == b""
        assert survivors(workers) == []
    finally:
        stop_all(process, workers)


def interpreter_start() -> float:
    """How long this machine takes to start Python and read factcheck's entry module (the slowest
    of three): before that, no line of factcheck has run, and a Ctrl-C ends Python itself however
    it may; from then on factcheck has taken SIGINT."""
    times = []
    for _ in range(3):
        began = time.monotonic()
        subprocess.run([sys.executable, "-c", "import factcheck.__main__"], check=True)
        times.append(time.monotonic() - began)
    return max(times)


def interrupt_at(corpus: Path, moment: float) -> tuple[int, str]:
    process = start(*check_command(corpus))
    try:
        time.sleep(moment)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=HANG_GUARD)
        return process.returncode, err.decode(errors="replace")
    finally:
        if process.poll() is None:
            stop_all(process, [])


def test_ctrl_c_at_the_very_start_ends_the_run_quietly(corpus):
    # sent as soon as the process exists, before Python has set up anything: the default action
    # of SIGINT ends it (a shell shows 130), or, a moment later, factcheck's own handler does
    code, err = interrupt_at(corpus, 0.0)
    if code in (-signal.SIGINT, 1) and err:  # 1: "Fatal Python error: init_import_site", Python's own
        # on a loaded machine the signal can land while the interpreter starts up and imports the
        # entry module, before factcheck's main() has taken SIGINT: Python's own report then
        assert err.rstrip().endswith("KeyboardInterrupt") and "in main" not in err, err
        return
    assert (code, err) in ((-signal.SIGINT, ""), (130, "factcheck: interrupted\n"))


@pytest.mark.parametrize("moment", [0.0, 0.05, 0.1, 0.2, 0.4])
def test_ctrl_c_while_starting_prints_one_line_and_exits_130(corpus, moment):
    # the moments count from when Python is up: the commands' imports take about half a second
    code, err = interrupt_at(corpus, interpreter_start() + moment)
    assert len(err.splitlines()) <= 1, err
    assert (code, err) == (130, "factcheck: interrupted\n")


def test_ctrl_c_in_the_middle_of_the_heavy_imports(corpus):
    """Sent once numpy's compiled core is mapped (imported by the commands' modules, never by cli.py)."""
    process = start(*check_command(corpus))
    try:
        deadline = time.monotonic() + HANG_GUARD
        while time.monotonic() < deadline and process.poll() is None:
            try:
                maps = Path(f"/proc/{process.pid}/maps").read_text()
            except OSError:
                maps = ""
            if "_multiarray_umath" in maps:
                break
            time.sleep(0.002)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=HANG_GUARD)
        assert (process.returncode, err.decode()) == (130, "factcheck: interrupted\n")
    finally:
        if process.poll() is None:
            stop_all(process, [])


def test_the_entry_module_imports_nothing_heavy():
    """cli.py must set the Ctrl-C handler before the half second of imports begins."""
    probe = (
        "import sys; import factcheck.cli; "
        "heavy = sorted(m for m in ('click', 'opencc', 'numpy', 'pandas', 'rich', 'rapidfuzz', 're2', "
        "'factcheck.commands', 'factcheck.pipeline') if m in sys.modules); print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
