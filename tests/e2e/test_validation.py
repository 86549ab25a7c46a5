"""Bad values in commands: each refused with a clear answer, nothing recorded."""

from __future__ import annotations

from bot.demo import ADMIN, COORDINATOR, GROUP, KCS_OFFICER, OUTSIDER, invite_code
from fakegram.types import FakeChat
from tests.e2e.asking import record_it
from tests.e2e.conftest import Harness


async def test_only_zones_a_person_means_are_accepted(bot: Harness) -> None:
    for zone in ("localtime", "right/UTC", "posixrules", "posix/Asia/Seoul", "Factory"):
        text = await bot.talk.text(ADMIN, f'/operation new SIREN "Operation Siren" {zone}')
        assert f"'{zone}' is not a time zone I know" in text
    assert await bot.rows("SELECT * FROM operation") == []
    made = await bot.talk.text(ADMIN, '/operation new SIREN "Operation Siren" Etc/UTC')
    assert made.startswith("Created Operation Siren (SIREN) in Etc/UTC.")
    agency = await bot.talk.text(ADMIN, '/agency add KCS "Korea Customs Service" right/UTC')
    assert "is not a time zone I know" in agency
    assert await bot.rows("SELECT * FROM agency") == []


async def test_agency_names_are_bounded(bot: Harness) -> None:
    await bot.talk.say(ADMIN, '/operation new SIREN "Operation Siren" Asia/Seoul')
    long = "Korea Customs Service " * 5
    text = await bot.talk.text(ADMIN, f'/agency add KCS "{long}" Asia/Seoul')
    assert "The agency's name must be 1 to 100 characters (this one has 109)." in text
    assert '/agency add TCD "Thai Customs" Asia/Bangkok' in text
    empty = await bot.talk.text(ADMIN, '/agency add KCS "  " Asia/Seoul')
    assert "must be 1 to 100 characters (this one has 0)" in empty
    assert await bot.rows("SELECT * FROM agency") == []
    added = await bot.talk.text(ADMIN, '/agency add KCS "Korea  Customs Service" Asia/Seoul')
    assert "Added KCS — Korea Customs Service (Asia/Seoul)" in added


async def test_alias_words_need_a_letter_and_no_markup(siren: Harness) -> None:
    for words, answer in (
        ("<b>", "cannot contain < or >"),
        ('""', "need a letter or a digit"),
        ("“ ”", "need a letter or a digit"),
        ("--", "need a letter or a digit"),
        ("zombie " * 12, "at most 60 characters"),
    ):
        text = await siren.talk.text(COORDINATOR, f"/alias {words} cocaine")
        assert answer in text, words
        assert "Example: /alias zombie dust synthetic_cathinones" in text
    assert await siren.rows("SELECT * FROM substance_alias") == []
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg zombie dust")
    quoted = await siren.talk.text(COORDINATOR, '/alias "zombie dust" synthetic_cathinones')
    assert quoted.endswith(
        '"zombie dust" now counts as synthetic cathinones: 1 past item reclassified, '
        "and future reports follow."
    )


async def test_alias_refuses_names_the_catalogue_already_reads(siren: Harness) -> None:
    # The catalogue wins when a report is read, so the alias would never take effect.
    for words, known in (("meth", "methamphetamine"), ("Methamphetamine", "methamphetamine")):
        text = await siren.talk.text(COORDINATOR, f"/alias {words} cocaine")
        assert text == (
            f"'{words}' is already {known} in the catalogue; /alias is for names the bot "
            "does not know, e.g. /alias zombie dust synthetic_cathinones"
        )
    assert await siren.rows("SELECT * FROM substance_alias") == []
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth")
    rows = await siren.rows("SELECT substance FROM seizure_item")
    assert rows == [{"substance": "methamphetamine"}]


async def test_alias_refuses_a_period_breakdown_agency_or_flag_word(siren: Harness) -> None:
    # Before: accepted, and '/summary 어제' silently became a filter on cocaine.
    for words in ("어제", "เมื่อวาน", "11월", "week", "today", "all", "voided", "agency=TCD"):
        text = await siren.talk.text(COORDINATOR, f"/alias {words} cocaine")
        assert text == (
            f"'{words}' is what /summary, /chart and /reports read as a period, a breakdown, "
            "an agency or a flag, so an alias would hide it there; choose other words, "
            "e.g. /alias zombie dust synthetic_cathinones"
        ), words
    assert await siren.rows("SELECT * FROM substance_alias") == []


async def test_void_says_when_a_number_is_not_a_report_number(siren: Harness) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    for command, example in (("void", "/void 42 duplicate of 41"),
                             ("restore", "/restore 42 voided by mistake")):  # fmt: skip
        text = await siren.talk.text(COORDINATOR, f"/{command} 99999999999999999999999 x", GROUP)
        assert text.startswith(
            "'99999999999999999999999' is not a report number: it is the # in the report's "
            "acknowledgement."
        ), text
        assert text.endswith(f"Example: {example}")
    assert await siren.rows("SELECT id FROM seizure WHERE voided_at IS NOT NULL") == []


async def test_a_report_dated_long_ago_records_nothing(siren: Harness) -> None:
    # The clock says 2026-11-20 in Seoul.
    text = await siren.talk.text(KCS_OFFICER, "/seizure 2kg meth at ICN date=1900-01-01")
    assert text == (
        "The date 1900-01-01 is more than a year ago: write the day it happened, "
        "e.g. date=2026-11-20"
    )
    assert await siren.rows("SELECT * FROM seizure") == []
    # A year back is read, and (before SIREN began) asked about first: session 14.
    asked = await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN date=2025-11-20")
    assert asked["text"].startswith("⚠️ The report is dated 2025-11-20, before SIREN"), asked
    within = await record_it(siren, KCS_OFFICER, FakeChat.private(KCS_OFFICER), asked)
    assert within.startswith("✅ Recorded report SIREN #1")


async def test_an_edit_to_a_date_long_ago_keeps_the_report(siren: Harness) -> None:
    cursor = siren.api.cursor(GROUP)
    sent = siren.api.send_text(KCS_OFFICER, GROUP, "/seizure 2kg meth at ICN")
    await cursor.next()
    siren.api.edit_text(
        KCS_OFFICER, GROUP, sent["message_id"], "/seizure 2kg meth at ICN date=1900-01-01"
    )
    answer = await cursor.next()
    assert answer["text"].startswith("Report #1 is unchanged:")
    assert "The date 1900-01-01 is more than a year ago" in answer["text"]
    assert await siren.rows("SELECT occurred_on FROM seizure") == [{"occurred_on": None}]


async def test_invites_and_welcomes_use_the_right_article(bot: Harness) -> None:
    await bot.talk.say(ADMIN, '/operation new SIREN "Operation Siren" Asia/Seoul')
    link = await bot.talk.text(ADMIN, "/invite observer")
    assert "One-time invite #1 to SIREN as an observer:" in link
    welcome = await bot.talk.text(OUTSIDER, f"/start {invite_code(link)}")
    assert "You are an observer." in welcome
    coordinator = await bot.talk.text(ADMIN, "/invite coordinator")
    assert "One-time invite #2 to SIREN as a coordinator:" in coordinator


async def test_a_year_outside_the_allowed_range_is_refused_as_typed(siren: Harness) -> None:
    text = await siren.talk.text(KCS_OFFICER, "/s 2kg meth at ICN on 9999-12-31", GROUP)
    # Before: read as a Buddhist-era year, "The date 9456-12-31 is in the future".
    assert "9456" not in text
    assert "The date 9999-12-31: the year must be between 2000 and 2100" in text
    assert "e.g. /seizure 2kg meth at ICN on 20" in text  # the example: today's date in its place
    assert await siren.rows("SELECT * FROM seizure") == []


async def test_hidden_characters_are_not_recorded_nor_echoed(siren: Harness) -> None:
    typed = "/s 2kg ｍｅｔｈ at ICN \u202eNCI\u202c \u200f🧪 \x00"
    text = await siren.talk.text(KCS_OFFICER, typed, GROUP)
    # Before: U+202E was stored in the location and shown in the ack, spelling NCI as ICN.
    assert not any(c in text for c in "\u202e\u202c\u200f\x00")
    assert "• 2 kg methamphetamine" in text
    (row,) = await siren.rows("SELECT location, text FROM seizure")
    assert row["location"] == "ICN NCI 🧪"
    assert row["text"] == "/s 2kg ｍｅｔｈ at ICN NCI 🧪 "
    thai = await siren.talk.text(
        KCS_OFFICER, "/s 3kg meth at ด่านศุลกากร 인천공항 👩\u200d👩\u200d👧", GROUP
    )
    assert "ด่านศุลกากร 인천공항 👩\u200d👩\u200d👧" in thai
