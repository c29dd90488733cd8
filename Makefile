# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_LOG := sample_logs/cnn_step_decay_tb

.PHONY: demo test bench bench-accuracy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-all: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[all]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[all,test]'
	touch $@ $(VENV)/.installed-all

demo: $(VENV)/.installed-all
	$(BIN)/curvedoc info $(DEMO_LOG)
	$(BIN)/curvedoc analyze $(DEMO_LOG)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[all,test,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-all

bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.speed

bench-accuracy: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.accuracy

clean:
	rm -rf $(VENV) build *.egg-info
