# The portal image for the bureau's stack (web, worker and beat all run it).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORTAL_ENV=production PORTAL_VAR_DIR=/var/lib/portal
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libpq5 gcc libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY portal portal
COPY subsidies subsidies
COPY rules rules
COPY applications applications
COPY accounts accounts
COPY administration administration
COPY templates templates
COPY static static
COPY locale locale
COPY manage.py ./
RUN pip install --no-cache-dir . && python manage.py compilemessages -v 0 || true
RUN DJANGO_SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '\n') python manage.py collectstatic --noinput -v 0
RUN useradd --system --home /var/lib/portal portal && mkdir -p /var/lib/portal && chown portal /var/lib/portal
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
