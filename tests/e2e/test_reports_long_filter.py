"""/reports narrowed by a pasted wall of text answers in one message, as every refusal does."""

from __future__ import annotations

from bot.demo import COORDINATOR, KCS_OFFICER
from fakegram.types import FakeChat
from tests.e2e.asking import reported
from tests.e2e.conftest import Harness


async def test_a_long_unknown_filter_is_quoted_short_in_one_answer(siren: Harness) -> None:
    # Found by the bad-input property (about one run in four at 300 examples): the substance
    # the words were read as was quoted whole, the answer ran over 4,096 characters and went
    # as two parts.
    reply = await reported(
        siren, KCS_OFFICER, "/seizure 2kg meth at ICN", FakeChat.private(KCS_OFFICER)
    )
    assert "✅ Recorded report" in reply, reply
    pasted = "zombie powder " * 300  # 4,200 characters
    mark = siren.api.mark()
    answer = await siren.talk.text(COORDINATOR, f"/reports {pasted}")
    # A later command's answer comes after every part of this one (one chat, in order).
    await siren.talk.text(COORDINATOR, "/reports agency=XYZ")
    sent = [
        c.params.get("text", "")
        for c in siren.api.calls[mark:]
        if c.method == "sendMessage" and c.delivered
    ]
    assert len(sent) == 2, sent  # the answer, then the sentinel's
    assert answer.startswith('No report of SIREN names "zombie powder zombie'), answer
    assert '…" as its substance.' in answer, answer
    assert len(answer) < 400, len(answer)
