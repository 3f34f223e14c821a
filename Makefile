# Parallax — the README's two commands are `make run` and `make test`; `make help` lists the rest.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.DEFAULT_GOAL := help
.PHONY: help run test lint bench fuzz build package clean system-deps venv old-root
# An Ubuntu 22.04 root (`make old-root`): where it exists the packaging tests run the bundle
# and install the .deb in it (the glibc floor on a real old system).
OLD_ROOT := build/old-root-run
export PARALLAX_OLD_ROOT ?= $(if $(wildcard $(OLD_ROOT)/usr),$(abspath $(OLD_ROOT)),)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,build,llm,semantic]'
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install Parallax with its test and build tools

run: $(STAMP) ## start the app on the built-in sample
	bash build_scripts/system_deps.sh runtime
	$(BIN)/parallax-gui $(ARGS)

system-deps: ## install the Debian packages the tests need (CJK font, poppler, chromium, lintian)
	bash build_scripts/system_deps.sh

lint: $(STAMP) ## ruff, mypy --strict, the dead-code check (vulture), the zh_CN catalogue
	$(BIN)/ruff check desktop tests bench build_scripts
	$(BIN)/mypy
	# Tests and benchmarks, strict too: one run per folder whose conftest.py and helpers
	# pytest imports as top-level modules (each run has that folder on the path).
	MYPYPATH=desktop:tests:build_scripts $(BIN)/mypy --cache-dir .mypy_cache/tests \
		tests/conftest.py tests/test_*.py tests/support tests/cli bench
	MYPYPATH=desktop:tests $(BIN)/mypy --cache-dir .mypy_cache/tests-core tests/core
	MYPYPATH=desktop:tests/ui:tests $(BIN)/mypy --cache-dir .mypy_cache/tests-ui tests/ui
	MYPYPATH=desktop:tests/packaging:tests:build_scripts $(BIN)/mypy \
		--cache-dir .mypy_cache/tests-packaging tests/packaging
	$(BIN)/vulture desktop/parallax tests bench build_scripts build_scripts/parallax.spec \
		--min-confidence 60 --ignore-decorators "@pytest.fixture"
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/ui/test_ui_catalogue.py  # zh_CN complete

test: system-deps $(STAMP) lint ## install everything the tests need and run the whole suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

fuzz: $(STAMP) ## the fuzz suite with many more examples than `make test` (minutes)
	PARALLAX_FUZZ_EXAMPLES=$(or $(EXAMPLES),2000) $(BIN)/python -m pytest -p no:logging tests/core/test_fuzz_inputs.py

bench: $(STAMP) ## run the benchmarks (print figures; never part of the tests)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

build: $(STAMP) ## PyInstaller onedir bundle in dist/parallax/ (MODEL=path.argosmodel to bundle one)
	$(BIN)/python build_scripts/build.py $(if $(MODEL),--model $(MODEL))

package: build ## the .deb (and AppDir) from the bundle
	$(BIN)/python build_scripts/package_deb.py --check
	$(BIN)/python build_scripts/package_appimage.py

old-root: ## an Ubuntu 22.04 root for the glibc-floor tests (root, network; about a minute)
	bash build_scripts/old_distro_root.sh $(abspath $(OLD_ROOT))

clean: ## remove build outputs (keeps .venv)
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
