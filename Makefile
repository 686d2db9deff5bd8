# Recall: `make run` starts the app with demo content; `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
DEV_ENV := DEBUG=1
# The test suite runs as production does (DEBUG off) but over plain HTTP.
TEST_ENV := SECRET_KEY=test-only-key-not-for-production-7c1e9f0a2b4d6e8f SECURE=0

.PHONY: install run demo worker beat test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py import_documents demo/*.txt --user admin
	$(DEV_ENV) $(BIN)/python manage.py build_decks --all --publish

run: demo
	@echo "Recall is starting on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	@if [ -z "$$REDIS_URL$$CELERY_BROKER_URL" ]; then \
		echo "make worker needs a broker: set REDIS_URL (or CELERY_BROKER_URL)."; exit 2; fi
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=2

beat: install
	@if [ -z "$$REDIS_URL$$CELERY_BROKER_URL" ]; then \
		echo "make beat needs a broker: set REDIS_URL (or CELERY_BROKER_URL)."; exit 2; fi
	$(BIN)/celery -A config beat --loglevel=INFO

lint: install
	$(BIN)/ruff check .

test: install
	$(BIN)/ruff check .
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache test-artifacts
