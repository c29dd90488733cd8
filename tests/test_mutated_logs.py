"""The sample logs damaged the ways files get damaged, read by every command that reads them.

Each sample log (a real small run in its own format) is cut, spliced with
bytes, re-encoded or shuffled at fixed places. Whatever the damage, a command
either reads what is there (exit 0, valid JSON) or says in one line what is
wrong (exit 2): no traceback, no internal error, and the damaged file is left
as it was.
"""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.test_hostile_catalogue import run_main

SAMPLES = Path(__file__).resolve().parents[1] / "sample_logs"
LOGS = {  # folder -> its log file
    "mlp_step_decay": "metrics.csv",
    "keras_reduce_lr": "training.log",
    "saturated_sigmoid_hf": "trainer_state.json",
    "unstable_lightning": "metrics.csv",
    "cnn_step_decay_tb": next((SAMPLES / "cnn_step_decay_tb").glob("*tfevents*")).name,
}


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


# Damage as it happens: a copy or a write cut short, bytes overwritten, a line
# written twice or lost, rows out of order, an editor's encoding, a log still
# being written (its last line half there), a file created and never written.
MUTATIONS = {
    "cut at a third": lambda d: d[: len(d) // 3],
    "cut mid-record near the end": lambda d: d[: len(d) - 7],
    "bytes overwritten": lambda d: d[: len(d) // 2] + bytes(range(256))[::7] + d[len(d) // 2 + 37:],
    "a line twice": lambda d: b"\n".join((ls := _lines(d))[:5] + ls[4:]),
    "lines lost": lambda d: b"\n".join(ls for k, ls in enumerate(_lines(d)) if k % 9 != 4),
    "rows backwards": lambda d: b"\n".join((ls := _lines(d))[:1] + ls[1:][::-1]),
    "CRLF and a BOM": lambda d: b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n"),
    "UTF-16": lambda d: d.decode("utf-8", "replace").encode("utf-16"),
    "half a line appended": lambda d: d + _lines(d)[3][: max(1, len(_lines(d)[3]) // 2)],
    "a number made text": lambda d: d.replace(b"0.", b"O.", 1),
    "empty": lambda d: b"",
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
@pytest.mark.parametrize("folder", sorted(LOGS))
def test_a_damaged_log_is_read_or_refused_in_one_line(tmp_path, folder, mutation):
    run = tmp_path / folder
    shutil.copytree(SAMPLES / folder, run)
    log = run / LOGS[folder]
    log.write_bytes(MUTATIONS[mutation](log.read_bytes()))
    before = hashlib.sha256(log.read_bytes()).hexdigest()

    for target in (log, run):
        code, out, err = run_main("analyze", target, "--format", "json")
        assert code in (0, 2), (code, err)
        assert "Traceback" not in err and "internal error" not in err.lower()
        if code == 2:
            lines = err.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("curvedoc: error: "), err
        else:
            report = json.loads(out)
            assert report["runs"] and all("metrics" in r for r in report["runs"])
        code_info, _, err_info = run_main("info", target)
        assert code_info == code, (code_info, code, err_info)
    assert hashlib.sha256(log.read_bytes()).hexdigest() == before
