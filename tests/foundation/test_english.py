"""The English catalogue: complete, placeholders intact, compiled, and used when the user chooses it.

Chinese is the source language (gettext msgids); English comes from ``locale/en/LC_MESSAGES``.
The .po is read with a small parser here so the test needs neither gettext nor polib.
"""

import ast
import gettext
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
# %(name)s / %(n)d / %(size).1f, bare %s / %d, a literal %%, {name} / {0}, and HTML tags.
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%%|%[sdif]|\{\w*\}|</?[a-zA-Z][^<>]*>")


# --- the .po -----------------------------------------------------------------------------------


def parse_po(path: Path) -> list[dict]:
    """Entries as dicts: msgctxt, msgid, msgid_plural, msgstr (a list, one per plural form), flags."""
    entries: list[dict] = []
    current: dict = {}
    field = None

    def flush():
        if current.get("msgid") is not None:
            current["msgstr"] = [current["msgstr"][i] for i in sorted(current["msgstr"])]
            entries.append(dict(current))
        current.clear()
        current.update(msgctxt=None, msgid=None, msgid_plural=None, msgstr={}, flags=set())

    flush()
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):  # obsolete entries are not part of the catalogue
            continue
        if current["msgstr"] and line.startswith(("#", "msgctxt ", "msgid ")):
            flush()
            field = None
        if line.startswith("#,"):
            current["flags"].update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            assert field is not None, f"{path}:{line_no}: string without a keyword"
            value = ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            value = ast.literal_eval(rest.strip())
            if keyword in ("msgctxt", "msgid", "msgid_plural"):
                field = keyword
                current[field] = ""
            elif keyword == "msgstr" or re.fullmatch(r"msgstr\[\d+\]", keyword):
                field = int(keyword[7:-1]) if "[" in keyword else 0
                current["msgstr"][field] = ""
            else:
                raise AssertionError(f"{path}:{line_no}: unknown keyword {keyword!r}")
        if isinstance(field, int):
            current["msgstr"][field] += value
        else:
            current[field] += value
    flush()
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    entries = parse_po(PO)
    assert entries, f"{PO} has no entries"
    return entries


def translated(catalogue):
    """Every entry except the header (msgid "")."""
    return [e for e in catalogue if e["msgid"]]


def test_header_is_english_and_not_fuzzy(catalogue):
    header = next(e for e in catalogue if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]


def test_the_catalogue_covers_every_app():
    text = PO.read_text(encoding="utf-8")
    for source in ("accounts/", "administration/", "applications/", "subsidies/", "portal/", "templates/"):
        assert f"#: {source}" in text or f" {source}" in text, f"no string from {source} in {PO}"


def test_no_msgstr_is_empty_or_fuzzy(catalogue):
    entries = translated(catalogue)
    assert len(entries) > 500
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries: {fuzzy[:10]}"
    empty = [e["msgid"] for e in entries if not e["msgstr"] or not all(s.strip() for s in e["msgstr"])]
    assert not empty, f"untranslated entries: {empty[:10]}"
    plural = [e for e in entries if e["msgid_plural"] is not None]
    for e in plural:
        assert len(e["msgstr"]) == 2, e["msgid"]


def test_msgstr_is_english_not_a_copy_of_the_chinese(catalogue):
    copied = [
        e["msgid"] for e in translated(catalogue) if CJK.search(e["msgid"]) and e["msgid"] in e["msgstr"]
    ]
    assert not copied, f"not translated: {copied[:10]}"


def test_placeholders_match(catalogue):
    wrong = []
    for e in translated(catalogue):
        sources = [e["msgid"]] + ([e["msgid_plural"]] if e["msgid_plural"] is not None else [])
        expected = [Counter(PLACEHOLDER.findall(s)) for s in sources]
        for form in e["msgstr"]:
            got = Counter(PLACEHOLDER.findall(form))
            # a plural form may drop the count placeholder of the other form, but nothing else
            if got not in expected:
                wrong.append((e["msgid"], form))
        if e["msgid"].endswith("\n") != e["msgstr"][0].endswith("\n"):
            wrong.append((e["msgid"], e["msgstr"][0]))
    assert not wrong, "placeholders differ:\n" + "\n".join(f"{a!r} -> {b!r}" for a, b in wrong[:20])


def test_placeholder_pattern_sees_what_it_should():
    found = PLACEHOLDER.findall(
        "文件“%(name)s”有 %(size).1f MB，超过 %(limit)d MB，{year} %s %% <b>x</b> 12%）"
    )
    assert found == ["%(name)s", "%(size).1f", "%(limit)d", "{year}", "%s", "%%", "<b>", "</b>"]


def test_python_format_strings_interpolate(catalogue):
    """Every python-format msgstr formats with the msgid's own names (what the code passes)."""
    names = re.compile(r"%\((\w+)\)")
    for e in translated(catalogue):
        if "python-format" not in e["flags"]:
            continue
        keys = set(names.findall(e["msgid"]))
        if not keys:
            continue
        values = {k: 1 for k in keys}
        for form in e["msgstr"]:
            form % values  # raises on an unknown name or a malformed placeholder


def test_mo_is_compiled_from_the_po(catalogue):
    """The committed .mo holds exactly the .po's translations (run compilemessages after editing)."""
    assert MO.exists(), f"{MO} is missing: run manage.py compilemessages -l en"
    with MO.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    stale = []
    for e in translated(catalogue):
        if e["msgid_plural"] is None:
            key = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
            if mo._catalog.get(key) != e["msgstr"][0]:
                stale.append(e["msgid"])
        else:
            for i, form in enumerate(e["msgstr"]):
                if mo._catalog.get((e["msgid"], i)) != form:
                    stale.append(e["msgid"])
    assert not stale, f"django.mo is out of date for: {stale[:10]}"


# --- the pages -----------------------------------------------------------------------------------

NAV_EN = ["Policy home", "Policy calculator", "Public notice", "Log in", "Enterprise sign-up", "中文"]
NAV_ZH = ["政策首页", "政策计算器", "公示", "登录", "企业注册"]


def _chrome(html: str) -> str:
    """The navigation and the user box of the page header."""
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    user_box = re.search(r'<div class="user-box">.*?</form>\s*</div>', html, re.S)
    assert nav and user_box, "page header not found"
    return nav.group(0) + user_box.group(0)


def _choose_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


PAGES = {
    "/": ["Ten support measures", "Policy calculator: see what you can claim", "Application window"],
    "/calculator/": ["No login needed to try it.", "Calculate"],
    "/notices/": ["Public notice of proposed recipients of support funds", "Notice period"],
    "/accounts/login/": ["Forgot password?", "No account yet?", "Password"],
    "/accounts/signup/": ["1. Account", "2. Enterprise", "Sign up and register enterprise"],
}


@pytest.mark.parametrize("url", list(PAGES))
def test_public_pages_in_english(client, url):
    _choose_english(client)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Tianhe District AI Large-Model Industry Subsidy Portal" in html  # PORTAL_TITLE
    chrome = _chrome(html)
    for text in NAV_EN:
        assert text in chrome, f"{text!r} missing from the English navigation of {url}"
    for text in NAV_ZH:
        assert text not in chrome, f"{text!r} still Chinese in the English navigation of {url}"
    for text in PAGES[url]:
        assert text in html, f"{text!r} missing from {url}"
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    assert "Based on the Implementation Opinions of Tianhe District" in footer


def test_python_messages_in_english(client):
    """Strings from Python code (forms, views) follow the chosen language too."""
    _choose_english(client)
    response = client.post(
        "/accounts/login/", {"username": "nobody@example.cn", "password": "wrong-password"}
    )
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert "Incorrect email or password (passwords are case-sensitive)." in html
    assert "邮箱或密码不正确" not in html


def test_applicant_navigation_in_english(client):
    user = ApplicantFactory()
    client.force_login(user)
    _choose_english(client)
    response = client.get("/")
    assert response["Content-Language"] == "en"
    chrome = _chrome(response.content.decode())
    for text in ("My claims", "Enterprise profile", "Prior approval", "Notifications", "Log out"):
        assert text in chrome
    for text in ("我的申报", "企业档案", "事前同意", "通知", "退出"):
        assert text not in chrome


def test_chinese_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    chrome = _chrome(html)
    for text in NAV_ZH:
        assert text in chrome
    for text in ("Policy home", "Policy calculator", "Log in", "Enterprise sign-up"):
        assert text not in chrome
    assert "English" in chrome  # the switch offers English
    assert "十项培育措施" in html and "Ten support measures" not in html


def test_switching_back_to_chinese(client):
    _choose_english(client)
    assert client.get("/")["Content-Language"] == "en"
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    response = client.get("/")
    assert response["Content-Language"] == "zh-hans"
    assert "政策首页" in _chrome(response.content.decode())
