# The two commands of README.md: `make run` and `make test`.
PY := .venv/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test bootstrap lint demo

bootstrap:
	@scripts/bootstrap.sh

run: bootstrap
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py seed_demo
	@$(PY) manage.py runserver 127.0.0.1:8000

test:
	@WITH_BROWSER=1 scripts/bootstrap.sh
	@.venv/bin/ruff check .
	@$(PY) -m pytest $(PYTEST_ARGS)

lint: bootstrap
	@.venv/bin/ruff check .
