"""Typed text without controls and bidi overrides, kept once where updates come in."""

from __future__ import annotations

from telegram import Update

from bot.inbox import visible
from bot.parsing.typed import visible_text


def test_controls_and_bidi_characters_go_lines_tabs_and_joiners_stay() -> None:
    typed = "a\u202eb\u202c\u2066c\u2069\u200e\u200fd\x00\x1b\x85\x7f\te\r\nf\rg"
    assert visible_text(typed) == ("abcd\te\nf\ng", [1, 3, 4, 6, 7, 8, 10, 11, 12, 13, 16])
    kept = "ด่านศุลกากร 인천공항 👩\u200d👩\u200d👧 🧪 \u200c"
    assert visible_text(kept) == (kept, [])


def test_an_updates_text_is_cleaned_and_its_entities_moved() -> None:
    text = "/s 2kg 🧪 \u202eNCI\u202c @ICN_bot"
    update = Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 1, "type": "private"},
                "text": text,
                "entities": [
                    {"type": "bot_command", "offset": 0, "length": 2},
                    {"type": "bold", "offset": 10, "length": 1},  # the U+202E alone
                    {"type": "mention", "offset": 16, "length": 8},  # after the emoji (2 units)
                ],
            },
        },
        None,
    )
    cleaned = visible(update)
    assert cleaned.message is not None
    assert cleaned.message.text == "/s 2kg 🧪 NCI @ICN_bot"
    assert [(e.type, e.offset, e.length) for e in cleaned.message.entities] == [
        ("bot_command", 0, 2),
        ("mention", 14, 8),
    ]
    plain = Update.de_json(
        {"update_id": 2, "message": {**update.to_dict()["message"], "text": "/s 2kg meth"}}, None
    )
    assert visible(plain) is plain
