"""The command line (click): parse options, call the pipeline and the gate, pick a reporter, set the exit code.

Reached through `cli.main`, which sets up Ctrl-C handling before importing this module."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import click

from . import __version__, pipeline
from .cli_options import cache_location, config_option, load_rules, project_options, rules_option
from .exits import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, INTERRUPTED
from .config import Config, ConfigError
from .read import InputError
from .model import RunResult, Severity
from .view import View, view_options

CHECK_FORMATS = ("terminal", "json", "sarif", "github", "jsonl", "html", "concise")  # fixed, so --help is stable; resolved at run time
DEFAULT_BASELINE = "reports/baseline.json"
PROGRESS_MIN_FILES = 20  # below this a run is quick enough that a bar is only noise


class CliError(click.ClickException):
    """A problem with what the user asked for: reported as one line, exit 2."""

    exit_code = EXIT_ERROR


class Interrupted(click.ClickException):
    """Ctrl-C during a command, once it has unwound: one line, exit 130."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self) -> None:
        super().__init__("interrupted")


class FactcheckGroup(click.Group):
    """The root command: every expected error becomes one line on stderr and exit 2, never a
    traceback; Ctrl-C one line and exit 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # before click's handler, which would print an empty line first
            raise Interrupted() from None

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name or "factcheck", standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            code = EXIT_ERROR
        except Interrupted:
            code = _interrupted()
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            code = _fail(f"{exc.format_message()}{hint}")
        except click.ClickException as exc:
            code = _fail(exc.format_message())
        except click.Abort as exc:  # Ctrl-C while click parsed the options, or a prompt's end
            code = _interrupted() if isinstance(exc.__cause__, KeyboardInterrupt) else _fail("aborted")
        except _expected_errors() as exc:
            code = _fail(str(exc))
        sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


def _expected_errors() -> tuple[type[Exception], ...]:
    """Errors that mean bad input, rules, baseline or git ref."""
    from .gate import GateError  # the gate's module is imported only by commands that use it

    return (ConfigError, InputError, GateError)


def _fail(message: str) -> int:
    click.echo(f"factcheck: error: {_one_line(message)}", err=True)
    return EXIT_ERROR


def _interrupted() -> int:
    click.echo(INTERRUPTED, err=True)
    return EXIT_INTERRUPTED


def _one_line(message: str) -> str:
    return " ".join(message.split())


@click.group("factcheck", cls=FactcheckGroup, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Find where Chinese-language news sources contradict each other."""


def main(argv: Sequence[str] | None = None) -> None:
    """The command line, called by the console entry point (`cli.main`).

    Leaves through os._exit once the output is flushed: the last run's result is still referenced
    (`_last_result`), so a 10,000-document run's million objects are not freed one by one just
    before the process ends anyway (0.13 s of a 2 s run; mypy does the same). Every file the
    command writes is closed by then, and the cache's connection and worker pool are shut.
    """
    try:
        cli.main(args=argv, prog_name="factcheck")
        code = EXIT_CLEAN
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else EXIT_ERROR if done.code else EXIT_CLEAN
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage tool still has its results to write
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # reader gone, or stream closed: nothing left to say
            pass
    os._exit(code)


_last_result: list[RunResult] = []  # see main(): referenced until the process ends


# ---------------------------------------------------------------------- options


def run_options(command: Callable) -> Callable:
    """Options every command that reads documents shares: rules, settings, worker processes, claims cache."""
    for option in reversed((
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str)),
        rules_option,
        click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
                     help="Worker processes; 0 uses every core."),
        click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Claims cache file (SQLite; default: claims.sqlite in the cache folder)."),
        click.option("--no-cache", is_flag=True, help="Read every document afresh and keep no cache."),
    )):
        command = option(command)
    return project_options(command)


# ---------------------------------------------------------------------- check


@cli.command()
@run_options
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="terminal", show_default=True,
              help="Report format.")
@click.option("--output", type=click.Path(path_type=str), default=None, help="Write the report here (default: stdout).")
@click.option("--csv", "csv_path", type=click.Path(path_type=str), default=None,
              help="Also write the findings as CSV (one row per side, UTF-8 with BOM for Excel).")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Also write an Excel workbook: disputes side by side, every claim, every document.")
@click.option("--no-pager", is_flag=True, help="Never page the terminal report (it is paged only on a terminal, never in CI).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a new finding is at least this severe.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Findings in this baseline file are reported as known and do not fail the run.")
@click.option("--update-baseline", is_flag=True,
              help=f"Rewrite the --baseline file (default {DEFAULT_BASELINE}) from this run.")
@click.option("--allow-missing-baseline", is_flag=True,
              help="A --baseline file that does not exist yet counts as empty (a hook's first commit).")
@click.option("--since", metavar="REF", default=None, help="Only report findings touching documents changed since this git ref.")
@view_options
def check(
    paths: tuple[str, ...], rules_dir: Path | None, jobs: int, cache_path: Path, no_cache: bool, fmt: str,
    output: str | None, csv_path: str | None, fail_on: str, exit_zero: bool, baseline_path: str | None,
    update_baseline: bool, since: str | None, xlsx_path: str | None = None, no_pager: bool = False,
    allow_missing_baseline: bool = False, view: View = View(),
) -> int:
    """Check the documents under PATHS against each other and report contradictions ('-': one
    document from standard input)."""
    from .cli_options import hook_hint
    from .gate import apply_gate, exit_code
    from .report import FORMATS, available

    ensure_writable("--output", output)
    ensure_writable("--csv", csv_path)
    ensure_writable("--xlsx", xlsx_path)
    if not available(fmt):
        names = ", ".join(name for name in FORMATS if available(name))
        raise CliError(f"format '{fmt}' is not available in this installation (available: {names})")
    view.check(fmt)
    config = prepare(paths, rules_dir)
    if update_baseline:
        baseline_path = baseline_path or DEFAULT_BASELINE
    baseline = read_baseline(baseline_path, missing_ok=update_baseline or allow_missing_baseline)
    changed = changed_since(since, paths)
    result = run_pipeline(paths, config, jobs, cache_location(no_cache, cache_path), progress_wanted(fmt) and not view.quiet)
    gated = apply_gate(result, config, baseline=baseline, changed=changed)
    if update_baseline:
        assert baseline_path is not None
        # from the whole run: the baseline covers every document, not only those changed since --since
        store_baseline(result, config, baseline_path)
        gated = apply_gate(result, config, baseline=read_baseline(baseline_path), changed=changed)
    gated = view.apply(gated)
    emit_report(gated, fmt, output, pager=not no_pager, text=view.text_report(gated, fmt))
    if csv_path:
        from .report import write_csv

        guarded_write(csv_path, lambda: write_csv(gated, csv_path))
    if xlsx_path:
        from .report import write_xlsx

        guarded_write(xlsx_path, lambda: write_xlsx(gated, xlsx_path))
    code = exit_code(gated, Severity(fail_on), exit_zero)
    if code == EXIT_FINDINGS and hook_hint():
        click.echo(hook_hint(), err=True)
    return code


def emit_report(result: RunResult, fmt: str, output: str | None, pager: bool = True, text: str | None = None) -> None:
    """The report in `fmt`, or `text` in its place (statistics, the concise lines, nothing when quiet)."""
    from .report import FORMATS, write_atomic

    if text is not None:
        if output and output != "-":
            guarded_write(output, lambda: write_atomic(output, text))
        else:
            write_stdout(text)
    elif output and output != "-":
        guarded_write(output, lambda: write_atomic(output, FORMATS[fmt](result)))
    elif fmt == "terminal" and stdout_is_terminal():
        from .report import terminal  # colour and the pager: only when a terminal shows the report

        terminal.show(result, pager=pager)
    else:
        write_stdout(FORMATS[fmt](result))


# ---------------------------------------------------------------------- claims


@cli.command()
@run_options
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True,
              help="Table for reading, or JSON.")
@click.option("--output", type=click.Path(path_type=str), default=None, help="Write the list here (default: stdout).")
@click.option("--csv", "csv_path", type=click.Path(path_type=str), default=None,
              help="Also write every claim as CSV for editors (UTF-8 with BOM).")
def claims(
    paths: tuple[str, ...], rules_dir: Path | None, jobs: int, cache_path: Path, no_cache: bool, fmt: str,
    output: str | None, csv_path: str | None,
) -> int:
    """List every claim extracted from the documents under PATHS."""
    from .report import json_report, terminal, write_atomic
    from .report.csv_report import claims_csv

    ensure_writable("--output", output)
    ensure_writable("--csv", csv_path)
    config = prepare(paths, rules_dir)
    result = run_pipeline(paths, config, jobs, cache_location(no_cache, cache_path), progress_wanted(fmt))
    render = json_report.render_claims if fmt == "json" else terminal.render_claims
    if output and output != "-":
        guarded_write(output, lambda: write_atomic(output, render(result.claims)))
    elif fmt == "terminal" and stdout_is_terminal():
        terminal.print_claims(terminal.live_console(), result.claims)
    else:
        write_stdout(render(result.claims))
    if csv_path:
        guarded_write(csv_path, lambda: write_atomic(csv_path, claims_csv(result.claims)))
    return EXIT_CLEAN


# --------------------------------------------------------------------- baseline


@cli.command()
@run_options
@click.option("--output", type=click.Path(dir_okay=False, path_type=str), default=DEFAULT_BASELINE,
              show_default=True, help="Baseline file to write.")
@click.option("--prune", is_flag=True, help="Only remove entries that no longer occur; add nothing.")
def baseline(
    paths: tuple[str, ...], rules_dir: Path | None, jobs: int, cache_path: Path, no_cache: bool, output: str,
    prune: bool,
) -> int:
    """Accept the current findings: write them to a baseline file that `check --baseline` reads."""
    config = prepare(paths, rules_dir)
    result = run_pipeline(paths, config, jobs, cache_location(no_cache, cache_path), progress_wanted("terminal"))
    store_baseline(result, config, output, prune=prune)
    click.echo(f"factcheck: {'pruned' if prune else 'wrote'} baseline {output}", err=True)
    return EXIT_CLEAN


# ------------------------------------------------------------------------ rules


@cli.command()
@rules_option
@config_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
def rules(rules_dir: Path | None, fmt: str) -> int:
    """List every rule: kind, default and configured severity, whether it is on, its options, and
    where each setting came from (the packaged rules, a rules directory, the project's settings)."""
    import json

    from .cli_options import loaded_project, settings_listing
    from .report import rule_rows, terminal

    rows = rule_rows(load_rules(rules_dir))
    if fmt == "json":
        write_stdout(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_CLEAN
    if stdout_is_terminal():
        terminal.print_rules(terminal.live_console(), rows)
    else:
        write_stdout(terminal.render_rules(rows))
    write_stdout(settings_listing(loaded_project()))
    return EXIT_CLEAN


@cli.command()
@click.argument("rule_id", metavar="ID")
@rules_option
@config_option
def rule(rule_id: str, rules_dir: Path | None) -> int:
    """Explain rule ID: what it flags, its settings and where they came from, an example."""
    from .explain import explain

    write_stdout(explain(rule_id, load_rules(rules_dir)))
    return EXIT_CLEAN


# ---------------------------------------------------------------------- helpers


def ensure_writable(option: str, path: str | None) -> None:
    """Fail before any work when a report could not be written (missing or read-only folder)."""
    if not path or path == "-":
        return
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise CliError(f"cannot write {option} {path}: it is a folder")
    if not folder.is_dir():
        raise CliError(f"cannot write {option} {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CliError(f"cannot write {option} {path}: folder {folder} is not writable")


def prepare(paths: Sequence[str], rules_dir: Path | None) -> Config:
    """Every input path must exist ('-' is standard input); the rules and the project's settings
    must load. Both are checked before any document is read."""
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            raise CliError(f"{path}: no such file or directory")
    return load_rules(rules_dir)


def read_baseline(path: str | None, missing_ok: bool = False) -> Any:
    if path is None or (missing_ok and not Path(path).exists()):
        return None
    from .gate.baseline import load_baseline

    return load_baseline(path)


def store_baseline(result: RunResult, config: Config, path: str, *, prune: bool = False) -> None:
    from .gate.baseline import write_baseline

    def write() -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_baseline(result, path, prune=prune, config=config)

    guarded_write(path, write)


def changed_since(ref: str | None, paths: Sequence[str]) -> set[str] | None:
    if ref is None:
        return None
    from .gate.gitdiff import changed_documents

    return changed_documents(ref, list(paths))


def run_pipeline(paths: Sequence[str], config: Config, jobs: int, cache: Path | None, progress: bool) -> RunResult:
    from .cli_options import remove_stdin_copies, stdin_document

    bar = ProgressBar() if progress else None
    files, names = stdin_document(paths)
    try:
        result = pipeline.run(files, config, pipeline.RunOptions(jobs=jobs, cache=cache, progress=bar, names=names))
        _last_result[:] = [result]
        return result
    finally:
        remove_stdin_copies(names)
        if bar:
            bar.close()


def guarded_write(path: str, write: Callable[[], None]) -> None:
    """Turn a failed write (disk full, permissions changed meanwhile) into a one-line error."""
    try:
        write()
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_stdout(text: str | bytes) -> None:
    # bytes, so Chinese survives a pipe whatever the locale's encoding is
    stream = sys.stdout.buffer
    try:
        stream.write(text.encode("utf-8") if isinstance(text, str) else text)
        stream.flush()
    except BrokenPipeError:
        # the reader (`| head`) has gone: stop writing, and keep Python's exit-time flush quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def progress_wanted(fmt: str) -> bool:
    """Only a person watching a terminal report wants a bar, and not in CI logs."""
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    return fmt == "terminal" and not in_ci and sys.stderr.isatty()


class ProgressBar:
    """A rich progress bar on stderr, started only once the run turns out to hold many files."""

    def __init__(self) -> None:
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total <= PROGRESS_MIN_FILES:
            return
        if self._progress is None:
            from rich.progress import Progress

            from .report.terminal import live_console

            self._progress = Progress(console=live_console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("reading documents", total=total)
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
