"""The package's layering: each stage imports only from the stages below it, and no module imports
itself back through a circle of others (imports inside functions count as well)."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"

# Bottom to top. A module may import from its own layer's package (no circles) and from any
# layer below; never from one above. Names are top-level modules or packages of factcheck/.
LAYERS = (
    ("model", "exits"),
    ("patterns",),
    ("config",),
    ("read",),
    ("clean",),
    ("normalise",),
    ("extract",),
    ("align",),
    ("checks",),
    ("settings", "project"),
    ("gate", "report"),
    ("cache", "cache_codec", "cache_keys"),
    ("pipeline",),
    ("view", "explain", "cli_options"),
    ("commands",),
    ("cli", "action", "__main__", "__init__"),
)
MAX_MODULE_LINES = 450


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(name: str) -> int:
    top = name.split(".")[0]
    for level, names in enumerate(LAYERS):
        if top in names:
            return level
    raise AssertionError(f"factcheck/{name.replace('.', '/')}: in no layer of LAYERS; add it where it belongs")


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """factcheck modules that `name` imports, anywhere in the file."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("factcheck"):
                target = node.module.removeprefix("factcheck").lstrip(".")
            else:
                continue
            for alias in node.names:  # `from . import x` may name a submodule
                sub = f"{target}.{alias.name}" if target else alias.name
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("factcheck."):
                    found.add(alias.name.removeprefix("factcheck."))
    return {target for target in found if target in known and target != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(name, path, known) for name, path in found.items()}


def test_every_module_belongs_to_a_layer():
    for name in modules():
        if name:
            layer_of(name)


def test_no_module_imports_from_a_stage_above_it():
    upward = [f"{name} imports {target}" for name, targets in graph().items() if name
              for target in sorted(targets) if target and layer_of(target) > layer_of(name)]
    assert upward == []


def test_no_import_circles():
    edges = graph()
    state: dict[str, int] = {}
    circles: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                circles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert circles == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_is_short_enough_to_read(name):
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"factcheck/{name}: {lines} lines"


def test_the_walker_sees_a_circle_and_an_upward_import(tmp_path, monkeypatch):
    """The checks above are only as good as this walker: on a made-up package it finds both faults."""
    fake = tmp_path / "factcheck"
    (fake / "extract").mkdir(parents=True)
    (fake / "model.py").write_text("from .extract import dates\n", encoding="utf-8")
    (fake / "extract" / "__init__.py").write_text("", encoding="utf-8")
    (fake / "extract" / "dates.py").write_text("def f():\n    from ..model import X\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    edges = graph()
    assert edges["model"] == {"extract.dates"}
    assert edges["extract.dates"] == {"model"}
    assert layer_of("extract.dates") > layer_of("model")
