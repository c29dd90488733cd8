"""Settings for the whole suite."""

import os

# pytest-xdist's workers export the terminal size they were started with (COLUMNS=80, LINES=24); a
# serial run's environment has neither. The reports wrap by the width curvedoc finds, so both runs
# take it as the serial run does.
if os.environ.get("PYTEST_XDIST_WORKER"):
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)
