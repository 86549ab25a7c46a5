"""A photo or document a message carries, and its bytes fetched with getFile (bounded)."""

from __future__ import annotations

import logging
from datetime import datetime

from telegram import Bot, Message
from telegram.error import TelegramError

from storage import media as media_store
from storage.database import Database
from storage.media import Attached, MediaFile

log = logging.getLogger(__name__)

# Telegram's getFile serves files up to 20 MB to bots; a larger one is noted, not kept.
MAX_BYTES = 20 * 1024 * 1024
TOO_LARGE = "too_large"
FAILED = "failed"
KEPT = "kept"


async def fetch(bot: Bot, message: Message) -> MediaFile | None:
    """The message's photo (largest size) or document, with its bytes if they could be kept.

    A refusal (getFile or the download) is never raised: the file is noted as not kept, and
    the report stands.
    """
    if message.photo:
        photo = message.photo[-1]  # sizes come smallest first
        kind, file_id, unique = "photo", photo.file_id, photo.file_unique_id
        name: str | None = None
        mime: str | None = "image/jpeg"
        size = photo.file_size
    elif message.document is not None:
        doc = message.document
        kind, file_id, unique = "document", doc.file_id, doc.file_unique_id
        name, mime, size = doc.file_name, doc.mime_type, doc.file_size
    else:
        return None
    content: bytes | None = None
    if size is not None and size > MAX_BYTES:
        kept = TOO_LARGE
    else:
        try:
            file = await bot.get_file(file_id)
            if file.file_size is not None and file.file_size > MAX_BYTES:
                kept = TOO_LARGE
            else:
                content = bytes(await file.download_as_bytearray())
                kept = TOO_LARGE if len(content) > MAX_BYTES else KEPT
                content = content if kept == KEPT else None
                size = len(content) if content is not None else size
        except (TelegramError, OSError) as exc:
            log.warning("file %s of message %s not kept: %s", unique, message.message_id, exc)
            kept = FAILED
    return MediaFile(
        kind=kind,
        file_id=file_id,
        file_unique_id=unique,
        file_name=name,
        mime_type=mime,
        size=size,
        content=content,
        kept=kept,
        media_group_id=message.media_group_id,
    )


async def keep_with(
    bot: Bot,
    db: Database,
    message: Message,
    *,
    seizure_id: int,
    operation_id: int,
    actor_id: int,
    update_id: int | None,
    now: datetime,
) -> Attached | None:
    """Fetch the message's file and keep it with a report; None if the message carries none."""
    media = await fetch(bot, message)
    if media is None:
        return None
    return await media_store.attach(
        db,
        seizure_id=seizure_id,
        media=media,
        chat_id=message.chat_id,
        message_id=message.message_id,
        actor_id=actor_id,
        operation_id=operation_id,
        update_id=update_id,
        now=now,
    )
