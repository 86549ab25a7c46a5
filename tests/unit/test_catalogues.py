"""The catalogues: every message translated into Korean and Thai, faithfully to its markup.

What a translator may change is the words; the `{placeholders}` filled after the lookup and the
HTML tags Telegram renders must be the same in every translation, or the message breaks for
that reader only. The .pot must list what the code says today (`pybabel extract`).
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.render.i18n import LOCALE_DIR, _, catalogue_path, ngettext, using

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("ko", "th")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
_TAG = re.compile(r"</?[a-z]+>")


def _catalogue(path: Path, locale: str | None = None):  # type: ignore[no-untyped-def]
    with path.open("rb") as po:
        return read_po(po, locale=locale)


def _ids(catalogue) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}


def _extracted() -> set[str]:
    found: set[str] = set()
    for folder in ("bot", "handlers"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _missing(locale: str) -> list[str]:
    catalogue = _catalogue(catalogue_path(locale), locale)
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def test_the_template_lists_what_the_code_says() -> None:
    template = _ids(_catalogue(LOCALE_DIR / "messages.pot"))
    code = _extracted()
    assert sorted(code - template) == [], "run pybabel extract (README, Translations)"
    assert sorted(template - code) == [], "run pybabel extract (README, Translations)"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_each_catalogue_holds_every_message_of_the_template(locale: str) -> None:
    template = _ids(_catalogue(LOCALE_DIR / "messages.pot"))
    catalogue = _ids(_catalogue(catalogue_path(locale), locale))
    assert sorted(template - catalogue) == [], f"run pybabel update -l {locale}"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_is_translated(locale: str) -> None:
    missing = _missing(locale)
    assert missing == [], f"{len(missing)} messages without a {locale} translation: {missing}"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_placeholders_and_tags(locale: str) -> None:
    wrong = []
    for message in _catalogue(catalogue_path(locale), locale):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[-1]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in filter(None, strings):
            for pattern in (_PLACEHOLDER, _TAG):
                if sorted(set(pattern.findall(text))) != sorted(set(pattern.findall(source))):
                    wrong.append((source, text))
    assert wrong == []


def test_lookups_follow_the_locale_and_plurals_come_from_the_catalogue() -> None:
    with using("ko"):
        assert _("Wrong? Edit your message to correct it, or press Undo.").startswith("잘못")
        assert ngettext("{n} officer", "{n} officers", 3).format(n=3) == "단속 직원 3명"
    with using("th-TH"):  # Telegram's language_code with a region
        assert _("This button is not for you.") == "ปุ่มนี้ไม่ใช่สำหรับท่าน"
    with using("fr"):
        assert _("This button is not for you.") == "This button is not for you."
    assert ngettext("{n} officer", "{n} officers", 1) == "{n} officer"


def test_the_catalogues_compile() -> None:
    from babel.messages.mofile import write_mo

    for locale in TRANSLATED:
        write_mo(BytesIO(), _catalogue(catalogue_path(locale), locale))


# 'คุณ' inside these words is not the pronoun: quality, thanks.
_NOT_THE_PRONOUN = re.compile(r"คุณภาพ|ขอบคุณ")


def test_thai_addresses_the_reader_politely_as_than_throughout() -> None:
    catalogue = _catalogue(catalogue_path("th"), "th")
    casual = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and any("คุณ" in _NOT_THE_PRONOUN.sub("", s) for s in strings if s):
            casual.append(message.string)
    assert casual == [], "the Thai catalogue says ท่าน, not คุณ, to the reader"
