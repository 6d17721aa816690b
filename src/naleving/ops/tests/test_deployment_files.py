"""docs/deployment.md and deploy/ stay in step with the code (issue #25): every environment variable is in
the guide's table, every command a shipped unit runs exists, and the gunicorn config loads."""

import re
import runpy
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[4]
GUIDE = ROOT / "docs" / "deployment.md"
UNITS = ROOT / "deploy" / "systemd"


def test_every_environment_variable_is_in_the_deployment_guide():
    source = (ROOT / "src" / "naleving" / "settings" / "env.py").read_text(encoding="utf-8")
    names = set(re.findall(r'(?:os\.environ\.get|_bool)\(\s*"([A-Z0-9_]+)"', source))
    assert {"NALEVING_SECRET_KEY", "DATABASE_URL", "NALEVING_OPS_TOKEN"} <= names
    guide = GUIDE.read_text(encoding="utf-8")
    assert sorted(name for name in names if f"`{name}`" not in guide) == []


def test_every_unit_runs_a_command_that_exists():
    commands = set(get_commands())
    run = []
    for unit in sorted(UNITS.glob("*.service")):
        for line in unit.read_text(encoding="utf-8").splitlines():
            if line.startswith("ExecStart=") and "/bin/naleving " in line:
                run.append((unit.name, line.split("/bin/naleving ", 1)[1].split()[0]))
    assert len(run) >= 7
    assert [(unit, command) for unit, command in run if command not in commands] == []
    timers = {p.stem for p in UNITS.glob("*.timer")}
    assert timers == {p.stem for p in UNITS.glob("*.service")} - {"naleving-web", "naleving-worker@"}


def test_the_gunicorn_config_loads_and_listens_on_localhost_only(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "prom"))
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["bind"].startswith("127.0.0.1:")
    (tmp_path / "prom").mkdir()
    (tmp_path / "prom" / "counter_1.db").write_bytes(b"")
    config["on_starting"](None)
    assert list((tmp_path / "prom").iterdir()) == []
