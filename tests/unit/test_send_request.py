"""The bot's connection for sending: a sent message comes back without the message it quotes."""

from __future__ import annotations

import json

from bot.after_start import SendRequest


def test_a_sent_message_is_parsed_without_what_the_bot_does_not_read() -> None:
    # PTB built the quoted report into a second Message on every acknowledgement, and its
    # keyboard and entities into objects; nobody read them.
    sent = {
        "message_id": 24,
        "date": 1796068206,
        "chat": {"id": 1003, "type": "private"},
        "text": "Recorded report SIREN #11",
        "entities": [{"type": "bold", "offset": 16, "length": 9}],
        "reply_to_message": {"message_id": 23, "date": 1796068206, "text": "/seizure 5g meth"},
        "reply_markup": {"inline_keyboard": [[{"text": "Undo", "callback_data": "undo:11"}]]},
    }
    payload = json.dumps({"ok": True, "result": sent}).encode()
    parsed = SendRequest().parse_json_payload(payload)
    kept = {"message_id": 24, "date": 1796068206, "chat": sent["chat"], "text": sent["text"]}
    assert parsed == {"ok": True, "result": kept}


def test_other_answers_are_parsed_as_they_came() -> None:
    chat = {"id": 1003, "type": "private", "pinned_message": {"message_id": 1}}
    answers = [{"ok": True, "result": True}, {"ok": True, "result": chat}]
    for answer in answers:
        assert SendRequest().parse_json_payload(json.dumps(answer).encode()) == answer
