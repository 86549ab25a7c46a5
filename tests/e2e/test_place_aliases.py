"""One place, one name: 'Sadao', 'Sadao border' and 'ด่านสะเดา' were three rows of /summary by
location and of the debriefing pack's by-location page, 'ICN' and '인천공항' two, and 'icn' a
row of its own. A coordinator now says /alias place WORDS = PLACE, for past and future reports;
spellings that differ only in case or spacing are one place without it."""

from __future__ import annotations

import asyncio
import csv
import io
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest

import storage.summary
from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from bot.domain.places import Places, place_key
from bot.domain.units import from_nano
from bot.render import replies as render
from fakegram.types import FakeChat
from storage.debrief import gather
from storage.totals import rebuild_totals
from tests.e2e.conftest import Harness

PRIVATE = FakeChat.private(COORDINATOR)


async def _reports(h: Harness) -> None:
    say = h.talk.say
    await say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await say(KCS_OFFICER, "/seizure 1kg meth at 인천공항", GROUP)
    await say(KCS_OFFICER, "/seizure 500g cocaine at icn", GROUP)
    await say(TCD_OFFICER, "/seizure 1kg meth at Sadao", GROUP)
    await say(TCD_OFFICER, "/seizure 2kg meth at Sadao border", GROUP)
    await say(TCD_OFFICER, "/seizure 4kg meth at ด่านสะเดา", GROUP)


def _groups(summary: str) -> list[str]:
    """The group headings of a /summary by location."""
    return [line for line in summary.splitlines() if line.startswith("▸ ")]


async def test_places_differing_only_in_case_are_one_row_of_the_summary(siren: Harness) -> None:
    await _reports(siren)
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    # 'ICN' (one report more than 'icn') names the place; before, 'icn' was a row of its own.
    assert _groups(summary) == [
        "▸ ICN · 2 cases",
        "▸ Sadao · 1 case",
        "▸ Sadao border · 1 case",
        "▸ ด่านสะเดา · 1 case",
        "▸ 인천공항 · 1 case",
    ], summary
    assert "cocaine          500 g      1\nmethamphetamine    2 kg     1" in summary, summary


async def test_alias_place_makes_one_place_of_past_and_future_reports(siren: Harness) -> None:
    await _reports(siren)
    said = await siren.talk.text(COORDINATOR, "/alias place 인천공항 = ICN")
    assert said == (
        '"인천공항" now counts as the place ICN: 1 past report moved under ICN in /summary by '
        "location, the debriefing pack and exports, and future reports follow."
    )
    await siren.talk.say(COORDINATOR, "/alias place Sadao border = Sadao")
    await siren.talk.say(COORDINATOR, "/alias place ด่านสะเดา -> Sadao")
    await siren.talk.say(TCD_OFFICER, "/seizure 3kg meth at SADAO  BORDER", GROUP)
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    assert _groups(summary) == ["▸ ICN · 3 cases", "▸ Sadao · 4 cases"], summary
    assert "methamphetamine   10 kg     4" in summary, summary
    listed = await siren.talk.text(COORDINATOR, "/alias place")
    assert listed == (
        "Place aliases of SIREN:\n"
        '• "인천공항" → ICN · set by Kim Min-jun (@kim_ocu), Fri 20 Nov 09:30\n'
        '• "sadao border" → Sadao · set by Kim Min-jun (@kim_ocu), Fri 20 Nov 09:30\n'
        '• "ด่านสะเดา" → Sadao · set by Kim Min-jun (@kim_ocu), Fri 20 Nov 09:30\n'
        "Remove one with /alias place rm WORDS: its reports count under their own words again."
    ), listed
    # The reports keep the officers' words.
    rows = await siren.rows("SELECT location FROM seizure ORDER BY id")
    assert [r["location"] for r in rows][-1] == "SADAO  BORDER"
    removed = await siren.talk.text(COORDINATOR, "/alias place rm sadao border")
    assert removed == (
        '"sadao border" no longer counts as Sadao: its 2 past reports count under their own '
        "words again, and so will future reports."
    )
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    # The two spellings of Sadao border are one place again, named as most reports wrote it
    # (a tie: the first in order).
    assert _groups(summary) == [
        "▸ ICN · 3 cases",
        "▸ Sadao · 2 cases",
        "▸ SADAO BORDER · 2 cases",
    ], summary
    assert await siren.talk.text(COORDINATOR, "/alias place rm sadao border") == (
        '"sadao border" is not a place alias here. /alias place lists them, e.g. /alias place '
        "rm 인천공항"
    )
    audit = await siren.rows(
        "SELECT action, json_extract(detail, '$.past_reports') AS n FROM audit_log"
        " WHERE action LIKE 'place_alias.%' ORDER BY id"
    )
    assert audit == [
        {"action": "place_alias.add", "n": 1},
        {"action": "place_alias.add", "n": 1},
        {"action": "place_alias.add", "n": 1},
        {"action": "place_alias.remove", "n": 2},
    ]


async def test_repointing_a_place_alias_moves_its_reports(siren: Harness) -> None:
    await _reports(siren)
    await siren.talk.say(COORDINATOR, "/alias place Sadao border = ICN")
    said = await siren.talk.text(COORDINATOR, "/alias place sadao border = Sadao")
    assert said == (
        '"sadao border" now counts as the place Sadao: 1 past report moved under Sadao in '
        "/summary by location, the debriefing pack and exports, and future reports follow.\n"
        "It counted as ICN before."
    )
    again = await siren.talk.text(COORDINATOR, "/alias place Sadao Border = Sadao")
    assert again == '"Sadao Border" already counts as Sadao; nothing changed.'
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    assert "▸ Sadao · 2 cases" in _groups(summary), summary


async def test_totals_after_aliasing_are_the_totals_recounted_from_the_reports(
    siren: Harness,
) -> None:
    await _reports(siren)
    await siren.talk.say(KCS_OFFICER, "/seizure 1kg heroin + 200g meth at 인천공항", GROUP)
    await siren.talk.say(COORDINATOR, "/alias place 인천공항 = ICN")
    await siren.talk.say(COORDINATOR, "/void 1 entered twice", GROUP)
    await siren.talk.say(COORDINATOR, "/alias place Sadao border = Sadao")
    before = await siren.rows("SELECT * FROM seizure_total ORDER BY 1, 2, 3, 4, 5, 6, 7")
    dims = await siren.rows("SELECT * FROM seizure_dim_total ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9")

    def rebuilt(conn: object) -> None:
        rebuild_totals(conn, 1)  # type: ignore[arg-type]

    await siren.db.write(rebuilt)
    assert await siren.rows("SELECT * FROM seizure_total ORDER BY 1, 2, 3, 4, 5, 6, 7") == before
    assert dims == await siren.rows(
        "SELECT * FROM seizure_dim_total ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
    )
    # The summary's amounts per place are the reports' own, read one by one and named.
    aliases = {
        str(r["words"]): str(r["place"]) for r in await siren.rows("SELECT * FROM place_alias")
    }
    items = await siren.rows(
        "SELECT s.location, i.substance, i.amount_nano FROM seizure AS s JOIN seizure_item AS i"
        " ON i.seizure_id = s.id WHERE s.voided_at IS NULL"
    )
    places = Places(aliases, [(str(r["location"]), 1) for r in items])
    recounted: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for r in items:
        recounted[places.name(str(r["location"]))][str(r["substance"])] += from_nano(
            int(r["amount_nano"])  # type: ignore[call-overload]
        )
    assert {name: dict(v) for name, v in recounted.items()} == {
        "ICN": {
            "methamphetamine": Decimal("1.2") * 1000,
            "cocaine": Decimal(500),
            "heroin": Decimal(1000),
        },
        "Sadao": {"methamphetamine": Decimal(3000)},
        "ด่านสะเดา": {"methamphetamine": Decimal(4000)},
    }
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    assert _groups(summary) == ["▸ ICN · 3 cases", "▸ Sadao · 2 cases", "▸ ด่านสะเดา · 1 case"]
    icn = summary.split("▸ ICN")[1].split("▸ Sadao")[0]
    assert "heroin             1 kg     1" in icn and "methamphetamine  1.2 kg     2" in icn, icn
    assert "cocaine          500 g      1" in icn, icn
    assert "methamphetamine    3 kg     2" in summary.split("▸ Sadao")[1], summary


async def test_the_debriefing_packs_places_and_the_export_follow_the_aliases(
    siren: Harness,
) -> None:
    await _reports(siren)
    await siren.talk.say(COORDINATOR, "/alias place 인천공항 = ICN")
    await siren.talk.say(COORDINATOR, "/alias place Sadao border = Sadao")
    await siren.talk.say(COORDINATOR, "/alias place ด่านสะเดา = Sadao")
    pack = await asyncio.to_thread(
        gather, siren.db_path, operation_id=1, now=siren.clock.now() + timedelta(hours=1)
    )
    places = {
        g.value: (g.cases, sum(a.nano for a in g.amounts)) for g in pack.breakdowns["location"]
    }
    assert places == {"ICN": (3, 3_500 * 10**9), "Sadao": (3, 7_000 * 10**9)}, places
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export csv")
    await siren.api.wait_for(
        lambda c: c.method == "sendDocument" and c.delivered, after=mark, timeout=60
    )
    [content] = [
        next(iter(c.files.values())).content
        for c in siren.api.calls[mark:]
        if c.method == "sendDocument" and c.delivered
    ]
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    # The officer's own words beside the place they count as.
    assert [(r["location"], r["place"]) for r in rows] == [
        ("ICN", "ICN"),
        ("인천공항", "ICN"),
        ("icn", "ICN"),
        ("Sadao", "Sadao"),
        ("Sadao border", "Sadao"),
        ("ด่านสะเดา", "Sadao"),
    ]


async def test_a_place_alias_delivered_twice_is_made_once(siren: Harness) -> None:
    await _reports(siren)
    cursor = siren.api.cursor(PRIVATE)
    siren.api.send_text(COORDINATOR, PRIVATE, "/alias place 인천공항 = ICN")
    first = await cursor.next()
    siren.api.redeliver(max(siren.api._updates_by_id))
    second = await cursor.next()
    assert str(first["text"]).startswith('"인천공항" now counts as the place ICN: 1 past report')
    assert second["text"] == render.REPEATED
    assert len(await siren.rows("SELECT * FROM place_alias")) == 1
    assert len(await siren.rows("SELECT * FROM audit_log WHERE action = 'place_alias.add'")) == 1


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("/alias place 인천공항", "Put = between the words and the place they count as, e.g. "
         "/alias place 인천공항 = ICN"),
        ("/alias place a = b = c", "One = only, between the words and the place, e.g. /alias "
         "place a b = c"),
        ("/alias place = ICN", 'Nothing before "=": say which words count as ICN, e.g. /alias '
         "place 인천공항 = ICN"),
        ("/alias place Sadao border =", 'Nothing after "=": name the place "Sadao border" counts '
         "as, e.g. /alias place Sadao border = ICN"),
        ("/alias place !!! = ICN", '"!!!" is not a place: a place has a letter or a digit and '
         "no < or >, e.g. /alias place 인천공항 = ICN"),
        ("/alias place icn = ICN ", '"icn" is that place already: places that differ only in '
         "capitals or spaces are one place. For other words, e.g. /alias place 인천공항 = ICN"),
        ("/alias place x = " + "y" * 101, "A place is at most 100 characters (this has 101), "
         "e.g. /alias place 인천공항 = ICN"),
    ],
)  # fmt: skip
async def test_every_bad_form_is_answered_with_an_example_and_nothing_kept(
    siren: Harness, typed: str, answer: str
) -> None:
    said = await siren.talk.text(COORDINATOR, typed)
    assert said == answer, said
    assert await siren.rows("SELECT * FROM place_alias") == []


async def test_no_alias_of_an_alias(siren: Harness) -> None:
    await siren.talk.say(COORDINATOR, "/alias place 인천공항 = ICN")
    assert await siren.talk.text(COORDINATOR, "/alias place icn = Incheon") == (
        '"icn" is already the place other words count as ("인천공항"), so it cannot count as '
        "another place. To name that place otherwise, point those words there, e.g. /alias "
        "place 인천공항 = Incheon"  # the person's own words (session 14)
    )
    assert await siren.talk.text(COORDINATOR, "/alias place Incheon = 인천공항") == (
        '"인천공항" counts as ICN already: name that place, e.g. /alias place Incheon = ICN'
    )
    assert len(await siren.rows("SELECT * FROM place_alias")) == 1


async def test_only_a_coordinator_sets_place_aliases(siren: Harness) -> None:
    said = await siren.talk.text(KCS_OFFICER, "/alias place 인천공항 = ICN", GROUP)
    assert "coordinator" in said, said
    assert await siren.rows("SELECT * FROM place_alias") == []


def test_place_key_ignores_case_spacing_and_edge_punctuation() -> None:
    assert place_key(" Sadao   BORDER. ") == place_key("sadao border") == "sadao border"


async def test_linked_reports_under_two_names_of_one_place_count_once_there(
    siren: Harness,
) -> None:
    await siren.talk.say(KCS_OFFICER, "/seizure 2kg meth at ICN", GROUP)
    await siren.talk.say(TCD_OFFICER, "/seizure 3kg meth at 인천공항", GROUP)
    await siren.talk.say(COORDINATOR, "/link 1 2", GROUP)
    await siren.talk.say(COORDINATOR, "/alias place 인천공항 = ICN")
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    # One case, its largest report's amount: as two reports of one case at one place.
    assert _groups(summary) == ["▸ ICN · 1 case"], summary
    assert "methamphetamine  3 kg       1" in summary, summary
    pack = await asyncio.to_thread(
        gather, siren.db_path, operation_id=1, now=siren.clock.now() + timedelta(hours=1)
    )
    [icn] = pack.breakdowns["location"]
    assert (icn.value, icn.cases, [a.nano for a in icn.amounts]) == ("ICN", 1, [3_000 * 10**9])


async def test_a_cut_summary_shows_each_place_whole(
    siren: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The totals are read in the order of the words: 'icn' and '인천공항' come after 'Sadao',
    # beyond a cut that 'ICN' is before. A place shown is read whole.
    await _reports(siren)
    await siren.talk.say(COORDINATOR, "/alias place 인천공항 = ICN")
    monkeypatch.setattr(storage.summary, "MAX_ROWS", 2)
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    assert _groups(summary) == ["▸ ICN · 3 cases", "▸ Sadao · 1 case"], summary
    assert "More groups. Narrow it down" in summary, summary
    assert "cocaine          500 g      1\nmethamphetamine    3 kg     2" in summary, summary


async def test_an_alias_to_a_place_spelt_otherwise_names_it_as_before(siren: Harness) -> None:
    # Found by review: 'icn · 1 case' and 'ICN · 2 cases' were two rows of one place, and the
    # export's place column said 'icn' for one report and 'ICN' for the others.
    say = siren.talk.say
    await say(KCS_OFFICER, "/seizure 1kg meth at ICN", GROUP)
    await say(KCS_OFFICER, "/seizure 1kg meth at 인천공항", GROUP)
    await say(KCS_OFFICER, "/seizure 1kg meth at Inchon", GROUP)
    await say(COORDINATOR, "/alias place 인천공항 = ICN")
    said = await siren.talk.text(COORDINATOR, "/alias place Inchon = icn")
    assert "ICN" in said and "icn" not in said, said
    summary = await siren.talk.text(COORDINATOR, "/summary by location")
    assert _groups(summary) == ["▸ ICN · 3 cases"], summary
    listed = await siren.talk.text(COORDINATOR, "/alias place")
    assert "icn" not in listed, listed
    mark = siren.api.mark()
    siren.api.send_text(COORDINATOR, PRIVATE, "/export csv")
    await siren.api.wait_for(
        lambda c: c.method == "sendDocument" and c.delivered, after=mark, timeout=60
    )
    [content] = [
        next(iter(c.files.values())).content
        for c in siren.api.calls[mark:]
        if c.method == "sendDocument" and c.delivered
    ]
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert {r["place"] for r in rows} == {"ICN"}, rows


def test_aliases_kept_under_two_spellings_of_a_place_name_it_once() -> None:
    # Aliases set before a new alias's place took the place's spelling: one name still.
    places = Places({"인천공항": "ICN", "inchon": "icn"}, [("ICN", 1)])
    assert {places.name(w) for w in ("인천공항", "Inchon", "ICN", "icn")} == {"ICN"}
