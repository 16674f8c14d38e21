"""Decision letters (决定书): amounts in Chinese capitals, the letter's content and its PDF.

- :mod:`applications.letters.capitals` — 大写金额 (壹拾伍万元整) and reading it back;
- :mod:`applications.letters.render` — the letter's context from a decided claim, HTML and PDF
  (WeasyPrint, ``templates/letters/decision.html``);
- :mod:`applications.letters.checks` — the system checks: a Chinese font and HarfBuzz subsetting.

Numbering, storage and the Celery task live in ``applications/services/letters.py`` and
``applications/tasks.py``.
"""
