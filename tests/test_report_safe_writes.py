"""Writing outputs safely: --output and --csv onto a symbolic link write through it (the link stays);
onto /dev/null or /dev/stdout they write to the device, which stays one."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from factcheck.report import write_atomic

ROOT = Path(__file__).resolve().parent.parent
REPORT = "報告：红色警报 2025-12-01\n"


def test_a_link_to_a_file_is_written_through(tmp_path):
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "report.txt"
    target.write_text("舊報告\n", encoding="utf-8")
    link = tmp_path / "latest.txt"
    link.symlink_to(Path("shared") / "report.txt")
    write_atomic(link, REPORT)
    assert link.is_symlink() and os.readlink(link) == "shared/report.txt"
    assert target.read_text(encoding="utf-8") == REPORT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.txt", "shared"]  # no temporary file left
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.txt"]


def test_a_dangling_link_creates_its_target(tmp_path):
    link = tmp_path / "latest.txt"
    link.symlink_to("made-later.txt")
    write_atomic(link, REPORT)
    assert link.is_symlink() and (tmp_path / "made-later.txt").read_text(encoding="utf-8") == REPORT


def test_a_chain_of_links_is_followed_to_the_file(tmp_path):
    (tmp_path / "real.txt").write_text("", encoding="utf-8")
    (tmp_path / "middle.txt").symlink_to("real.txt")
    (tmp_path / "outer.txt").symlink_to("middle.txt")
    write_atomic(tmp_path / "outer.txt", REPORT)
    assert (tmp_path / "outer.txt").is_symlink() and (tmp_path / "middle.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == REPORT


def test_dev_null_stays_a_device():
    write_atomic("/dev/null", REPORT)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_the_command_line_writes_reports_through_links_and_to_dev_stdout(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.json").write_text("{}", encoding="utf-8")
    (tmp_path / "out" / "findings.csv").write_text("", encoding="utf-8")
    (tmp_path / "report.json").symlink_to("out/report.json")
    (tmp_path / "findings.csv").symlink_to("out/findings.csv")
    command = [sys.executable, "-m", "factcheck", "check", str(ROOT / "seeds"), "--no-cache", "--jobs", "1",
               "--format", "json", "--exit-zero"]
    done = subprocess.run([*command, "--output", "report.json", "--csv", "findings.csv"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.json").is_symlink() and (tmp_path / "findings.csv").is_symlink()
    assert (tmp_path / "out" / "report.json").read_text(encoding="utf-8").startswith('{\n  "version": 2,')
    assert (tmp_path / "out" / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbffinding_id,")
    piped = subprocess.run([*command, "--output", "/dev/stdout"], cwd=tmp_path, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stdout.startswith('{\n  "version": 2,')
