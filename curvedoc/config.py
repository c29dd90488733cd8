"""Configuration of ``curvedoc check``: found like ruff and pytest find theirs, validated strictly.

The nearest ``.curvedoc.toml`` (top level) or ``pyproject.toml`` with a
``[tool.curvedoc]`` table, walking up from the log, configures the rules:

    [tool.curvedoc.rules.no-instability]
    after-step = 500

    [[tool.curvedoc.overrides]]
    paths = ["runs/sweeps/*"]
    rules.no-long-plateau = { enabled = false }
"""

from __future__ import annotations

import fnmatch
import math
import os
import stat
import sys
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import resolved

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# Rule name -> {option: (type, default)}; "enabled" is every rule's switch.
RULES: dict[str, dict[str, tuple[type | tuple[type, ...], object]]] = {
    "no-divergence": {"enabled": (bool, True),
                      # A loss ending this many times above its best level is runaway growth.
                      "runaway-factor": ((int, float), 10.0)},
    # Verdicts under this confidence (a held-out curve parting from a still-improving training one,
    # an fp16 overflow stepped over) are no reason to fail a run.
    "no-instability": {"enabled": (bool, True), "after-step": (int, 0), "min-confidence": ((int, float), 0.6)},
    "no-unexplained": {"enabled": (bool, False)},
    "lr-decay-effective": {"enabled": (bool, False)},
    "no-long-plateau": {"enabled": (bool, False), "max-steps": (int, 0), "max-fraction": ((int, float), 0.25)},
    "final-metric": {"enabled": (bool, False), "thresholds": (list, [])},
    "required-metrics": {"enabled": (bool, False), "metrics": (list, [])},
}
# Configuring a rule that is off by default turns it on, unless it says enabled = false.
TOP_KEYS = {"rules", "overrides", "metrics"}
# Values an option may take beyond its type: (test, what the message asks for).
RANGES: dict[str, tuple] = {
    "runaway-factor": (lambda v: math.isfinite(v) and v > 1, "a number above 1"),
    "after-step": (lambda v: v >= 0, "a step of 0 or more"),
    "min-confidence": (lambda v: 0 <= v <= 1, "a number from 0 to 1"),
    "max-steps": (lambda v: v >= 0, "a number of steps, 0 or more (0: no limit)"),
    "max-fraction": (lambda v: math.isfinite(v) and 0 < v <= 1, "a fraction of the run above 0, at most 1"),
    # Each string is parsed by ``_rule_options``, which names its own fault.
    "thresholds": (lambda v: all(isinstance(t, str) for t in v), "a list of thresholds like 'val_loss <= 0.4'"),
    "metrics": (lambda v: all(isinstance(m, str) and m.strip() for m in v), "a list of metric names"),
}


@dataclass
class Config:
    rules: dict[str, dict] = field(default_factory=lambda: defaults())
    overrides: list[dict] = field(default_factory=list)
    metrics: list[str] | None = None
    source: Path | None = None

    def for_path(self, log: Path) -> dict[str, dict]:
        """The rules that apply to one log, per-path overrides applied in order."""
        return self.rules_for(log)[0]

    def rules_for(self, log: Path) -> tuple[dict[str, dict], set[str]]:
        """The rules that apply to one log, and those an override turns off for it: ``--select``
        names rules to run, and leaves a path's own exemptions in place, as ruff's per-file ignores
        stay under its --select. The overrides are matched once for both."""
        rules = deepcopy(self.rules)
        off: set[str] = set()
        for ov in self._overrides_for(log):
            for name, opts in ov["rules"].items():
                rules[name].update(opts)
                if "enabled" in opts:
                    (off.discard if opts["enabled"] else off.add)(name)
        return rules, off

    def _overrides_for(self, log: Path) -> list[dict]:
        """The overrides whose patterns match the log. A folder given is matched as itself and as
        each file in it, so that ``runs/exp`` and the ``runs/exp/metrics.csv`` it is read from get
        the same rules."""
        if not self.overrides:
            return []
        root = self.source.parent if self.source else current_folder()
        # Named relative to the configuration's folder, and by its absolute path: never as typed, which
        # made a gate depend on the folder it ran from ("exp/*" exempted runs/exp/metrics.csv when run
        # from runs/, and an absolute pattern held only for a log named absolutely).
        named = _absolute(log)
        whole = str(named)
        rel = whole  # outside the configuration's folder: its absolute path alone
        # As given (a log reached through a linked folder is where the link is), else as resolved.
        for mine, theirs in ((named, _absolute(root)), (resolved(log), resolved(root))):
            try:
                rel = str(mine.relative_to(theirs))
                break
            except ValueError:
                continue
        names = {rel, whole}
        if _is(log, "file") and rel != log.name:  # a run's log file is in its run's folder, as named
            names |= {str(Path(rel).parent), str(Path(whole).parent)}
        if _is(log, "dir"):
            try:
                inside = [c.name for _, c in zip(range(MAX_MATCHED), log.iterdir())]
            except OSError:
                inside = []
            # The folder holding the configuration is "." relative to it: its files are named bare.
            names |= {name if base in (".", "") else f"{base}/{name}" for base in (rel, whole) for name in inside}
        return [ov for ov in self.overrides
                if any(fnmatch.fnmatch(name, form) for name in names for pat in ov["paths"] for form in _forms(pat))]


def _relative(pattern: str) -> str:
    """A pattern without its leading ``./``s, as it is matched."""
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern


def _forms(pattern: str) -> list[str]:
    """A path pattern as written and as ruff and .gitignore read it: ``./runs/*`` is ``runs/*``,
    ``runs/`` is the folder and all below it, ``**/x`` is also ``x`` at the top."""
    pattern = _relative(pattern)
    forms = [pattern]
    if pattern.endswith("/") and pattern.strip("/"):
        forms = [pattern.rstrip("/"), pattern + "*"]
    return forms + [f[3:] for f in forms if f.startswith("**/")]


# A folder given to ``check`` is matched against the overrides' patterns through this many of its files.
MAX_MATCHED = 1000


def defaults() -> dict[str, dict]:
    return {name: {k: deepcopy(d) for k, (_, d) in opts.items()} for name, opts in RULES.items()}


def current_folder() -> Path:
    """The working folder; one deleted under the shell gives no relative path a meaning, so any
    log named relatively is refused, and one named absolutely is read all the same."""
    try:
        return Path.cwd()
    except OSError:
        raise CurvedocError("the current folder no longer exists: name logs and --config by absolute paths, "
                            "or cd to a folder that exists") from None


def _absolute(path: Path) -> Path:
    """``path`` made absolute without following links: a run folder linked into a project
    (runs -> ../scratch) is in the project. A ``..`` goes up from where the OS is at that point (after
    runs/, the folder above the link's target), so the path up to its last ``..`` is resolved and
    the rest kept as named (../proj/runs/exp1 from a sibling folder is still in proj)."""
    full = path if path.is_absolute() else current_folder() / path
    if ".." not in full.parts:
        return Path(os.path.abspath(full))
    last = max(i for i, part in enumerate(full.parts) if part == "..")
    return resolved(Path(*full.parts[:last + 1])).joinpath(*full.parts[last + 1:])


def _is(path: Path, what: str) -> bool:
    """``path.is_file()``, ``is_dir()`` or ``exists()``, False where it cannot be looked at (a folder
    the user may not enter): the log's own read says why, and the other logs are still judged."""
    try:
        return {"file": path.is_file, "dir": path.is_dir, "there": path.exists}[what]()
    except OSError:
        return False


def find_config(start: Path) -> Path | None:
    """The nearest .curvedoc.toml, or pyproject.toml holding [tool.curvedoc], from ``start`` up: up
    the folders the path names (through a linked folder, the project it is linked into), then up
    the ones it resolves to."""
    for here in (_absolute(start), resolved(start)):
        if _is(here, "file") or not _is(here, "there"):
            here = here.parent
        found = _config_up_from(here)
        if found is not None:
            return found
    return None


def _config_up_from(here: Path) -> Path | None:
    for folder in [here, *here.parents]:
        # A configuration there but no file to open (a link to a shared config missing from a CI
        # checkout, a pipe) is found all the same, and loading it says why: passed over, the gate
        # ran on the defaults, or on a parent folder's rules, and passed.
        dot = folder / ".curvedoc.toml"
        if os.path.lexists(dot):
            return dot
        pyproject = folder / "pyproject.toml"
        if os.path.lexists(pyproject) and (not pyproject.is_file() or configures_curvedoc(pyproject)):
            return pyproject
    return None


def configures_curvedoc(pyproject: Path, strict: bool = False) -> bool:
    """Whether a pyproject.toml has [tool.curvedoc]; another tool's broken file is none of ours, unless
    ``strict`` (a file named with --config: why it cannot be read is said)."""
    try:
        tool = _load(pyproject).get("tool", {})
        return isinstance(tool, dict) and "curvedoc" in tool
    except CurvedocError:
        if strict:
            raise
        try:
            data = pyproject.read_bytes()
        except OSError:
            # Unreadable, it may hold the gate's rules: passed over, the gate ran on the defaults.
            raise CurvedocError("cannot read it, so cannot tell whether it configures curvedoc "
                                "([tool.curvedoc])", pyproject) from None
        # Also as UTF-16 (PowerShell 5's `>` and Out-File write it), which TOML refuses: a
        # configuration skipped would leave the gate on its defaults, passing what it should fail.
        mentions = any(key in data for key in (b"tool.curvedoc", "tool.curvedoc".encode("utf-16-le"),
                                                "tool.curvedoc".encode("utf-16-be")))
        if mentions:
            raise
        return False


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _load(path)
    where = "[tool.curvedoc]" if path.name == "pyproject.toml" else path.name
    table = _table(_table(data.get("tool", {}), "[tool]", path).get("curvedoc", {}), where, path) \
        if path.name == "pyproject.toml" else data
    unknown = set(table) - TOP_KEYS
    if unknown:
        raise CurvedocError(f"unknown key {sorted(unknown)[0]!r} in {where} (known: {', '.join(sorted(TOP_KEYS))})",
                            path)
    cfg = Config(source=path)
    cfg.rules = defaults()
    for name, opts in _table(table.get("rules", {}), f"{where}.rules", path).items():
        checked = _rule_options(name, opts, f"{where}.rules.{name}", path)
        cfg.rules[name].update(checked)
    for i, ov in enumerate(_list(table.get("overrides", []), f"{where}.overrides", path)):
        at = f"{where}.overrides[{i}]"
        ov = _table(ov, at, path)
        if set(ov) - {"paths", "rules"}:
            raise CurvedocError(f"unknown key {sorted(set(ov) - {'paths', 'rules'})[0]!r} in {at}", path)
        paths = _list(ov.get("paths"), f"{at}.paths", path)
        if not paths or not all(isinstance(p, str) for p in paths):
            raise CurvedocError(f"{at}.paths must be a list of path patterns", path)
        # "", "/" and "./" match no log (patterns are relative to the configuration's folder):
        # accepted, the override silently did nothing.
        blank = next((p for p in paths if not _relative(p.strip()).strip("/")), None)
        if blank is not None:
            raise CurvedocError(f"{at}.paths: {blank!r} matches no log; patterns are relative to the "
                                "configuration's folder ('runs/*', or '*' for every log)", path)
        rules = {name: _rule_options(name, opts, f"{at}.rules.{name}", path)
                 for name, opts in _table(ov.get("rules", {}), f"{at}.rules", path).items()}
        cfg.overrides.append({"paths": paths, "rules": rules})
    if "metrics" in table:
        metrics = _list(table["metrics"], f"{where}.metrics", path)
        if not all(isinstance(m, str) and m.strip() for m in metrics):
            raise CurvedocError(f"{where}.metrics must be a list of metric names", path)
        cfg.metrics = metrics
    return cfg


_KINDS = {bool: "true or false", int: "a whole number", str: "a string", list: "an array"}


def _toml(value) -> str:
    """A configuration value as TOML writes it, for a message about it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value[:5]) + (", ...]" if len(value) > 5 else "]")
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__.replace('datetime', 'date-time')}"


def _rule_options(name: str, opts, where: str, path: Path) -> dict:
    """A rule's options, checked; configuring a rule turns it on unless it says ``enabled``,
    at the top level and in an override alike."""
    if name not in RULES:
        raise CurvedocError(f"unknown rule {name!r} in {where.rsplit('.', 1)[0]} "
                            f"(rules: {', '.join(RULES)})", path)
    opts = _table(opts, where, path)
    out = {}
    for key, value in opts.items():
        if key not in RULES[name]:
            raise CurvedocError(f"unknown option {key!r} in {where} (options: {', '.join(RULES[name])})", path)
        kind, _ = RULES[name][key]
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            expected = _KINDS.get(kind, "a number")
            raise CurvedocError(f"{where}.{key} must be {expected}, got {_toml(value)}", path)
        if key == "thresholds" and all(isinstance(t, str) for t in value):
            from curvedoc.check import parse_threshold

            for t in value:  # each one's own fault, said
                try:
                    parse_threshold(t)
                except CurvedocError as err:
                    raise CurvedocError(f"{where}.thresholds: {err}", path) from None
        if key in RANGES and not RANGES[key][0](value):
            raise CurvedocError(f"{where}.{key} must be {RANGES[key][1]}, got {_toml(value)}", path)
        out[key] = value
    if "enabled" not in out:
        out["enabled"] = True
    return out


def _table(value, where: str, path: Path) -> dict:
    if not isinstance(value, dict):
        raise CurvedocError(f"{where} must be a table", path)
    return value


def _list(value, where: str, path: Path) -> list:
    if not isinstance(value, list):
        raise CurvedocError(f"{where} must be a list", path)
    return value


# A configuration is a few lines; past this size (a device, a log named by mistake) it is refused
# unread rather than read into memory.
MAX_CONFIG_BYTES = 1 << 20


def _load(path: Path) -> dict:
    try:
        st = path.stat()
        if str(path) == os.devnull:  # `--config /dev/null`: no settings, the defaults
            return {}
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block the open, /dev/zero never end
            raise CurvedocError("not a regular file: a configuration is a TOML file", path)
        size = st.st_size
        if size > MAX_CONFIG_BYTES:
            raise CurvedocError(f"{size:,} bytes: too large for a configuration (at most {MAX_CONFIG_BYTES:,})", path)
        # A Windows editor's byte-order mark, which TOML does not allow: the text after it is the file.
        return tomllib.loads(path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise CurvedocError(f"invalid TOML: {err}", path) from None
    except UnicodeDecodeError:
        utf16 = path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
        raise CurvedocError("invalid TOML: not UTF-8 text" + (" (UTF-16: save it as UTF-8)" if utf16 else ""),
                            path) from None
    except RecursionError:
        raise CurvedocError("invalid TOML: nested too deeply", path) from None
    except OSError as err:
        dangling = isinstance(err, FileNotFoundError) and path.is_symlink()
        reason = f"a symbolic link to {os.readlink(path)}, which is not there" if dangling else \
            f"cannot read: {err.strerror or err}"
        raise CurvedocError(reason, path) from None
