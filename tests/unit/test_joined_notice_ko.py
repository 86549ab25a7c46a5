"""N12: the Korean 'joined with your invite' notice named the newcomer as the invite's sender."""

from __future__ import annotations

from bot.render.i18n import _, using


def test_the_korean_joined_notice_says_the_invite_was_the_readers() -> None:
    with using("ko"):
        said = _("{name} joined <b>{code}</b> with your invite, as {who}.").format(
            name="Kim", code="DRILL", who="조정관"
        )
    assert "보내신" not in said, said
    assert said.startswith("Kim 님이 귀하의 초대로"), said
