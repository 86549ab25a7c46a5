"""A /summary or /chart substance word that names a form ('yaba': methamphetamine tablets)
shows that form alone, and says so; the substance's other names show all of it."""

from __future__ import annotations

from bot.demo import COORDINATOR, GROUP, KCS_OFFICER, TCD_OFFICER
from tests.e2e.conftest import Harness
from tests.e2e.test_summary_answers import chart_caption


async def _meth_and_yaba(h: Harness) -> None:
    await h.talk.say(KCS_OFFICER, "/s 2kg meth at ICN", GROUP)
    await h.talk.say(TCD_OFFICER, "/s 300 yaba at BKK", GROUP)


async def test_summary_yaba_shows_only_the_tablets_and_says_so(siren: Harness) -> None:
    await _meth_and_yaba(siren)
    yaba = await siren.talk.text(COORDINATOR, "/summary yaba")
    # Before: "Only: methamphetamine" over both the 2 kg and the 300 tablets.
    assert "Only: methamphetamine tablets" in yaba, yaba
    assert "300 tablets" in yaba and "2 kg" not in yaba, yaba
    assert "Reports: 1, cases: 1" in yaba, yaba
    for other in ("ya ba", "야바", "ยาบ้า"):
        assert await siren.talk.text(COORDINATOR, f"/summary {other}") == yaba, other


async def test_summary_meth_and_ice_still_show_every_form(siren: Harness) -> None:
    await _meth_and_yaba(siren)
    for word in ("meth", "ice", "methamphetamine"):
        text = await siren.talk.text(COORDINATOR, f"/summary {word}")
        assert "Only: methamphetamine\n" in text, text
        assert "300 tablets" in text and "2 kg" in text, text
        assert "Reports: 2, cases: 2" in text, text


async def test_yaba_keeps_breakdowns_agency_and_periods_exact(siren: Harness) -> None:
    await _meth_and_yaba(siren)
    by_location = await siren.talk.text(COORDINATOR, "/summary yaba by location")
    assert "BKK" in by_location and "ICN" not in by_location, by_location
    by_agency = await siren.talk.text(COORDINATOR, "/summary today yaba by agency")
    assert "TCD" in by_agency and "300 tablets" in by_agency, by_agency
    assert "2 kg" not in by_agency, by_agency
    kcs = await siren.talk.text(COORDINATOR, "/summary yaba agency=KCS")
    assert "No seizures recorded in this period." in kcs, kcs
    assert "Only: methamphetamine tablets, agency KCS" in kcs, kcs


async def test_chart_yaba_is_captioned_as_the_tablets(siren: Harness) -> None:
    await _meth_and_yaba(siren)
    caption = await chart_caption(siren, "/chart yaba")
    assert "only methamphetamine tablets" in caption, caption
    meth = await chart_caption(siren, "/chart meth")
    assert "only methamphetamine —" in meth, meth
