"""The words about photos, documents and locations sent with reports."""

from __future__ import annotations

from bot.domain.media import Attached

_NOUN = {"photo": "Photo", "document": "Document"}
_WHY = {
    "too_large": "it is over 20 MB",
    "failed": "Telegram did not hand it over",
}
EXAMPLE = "/seizure 2kg meth at ICN in speaker"


def files_line(attached: Attached) -> str:
    """One line under an acknowledgement: what the report carries."""
    if attached.kept + attached.lost == 0:
        return ""
    kept = f"📎 {attached.kept} file{'s' if attached.kept != 1 else ''} kept with the report"
    if not attached.lost:
        return kept + "."
    return (
        f"{kept}; {attached.lost} could not be kept. Send it again as a reply to this "
        "message to attach it."
    )


def attached(done: Attached) -> str:
    """The answer to a photo or document sent as a reply to an acknowledgement."""
    seizure_id, media = done.number, done.media  # the number people see
    noun = _NOUN.get(media.kind, "File")
    if media.kept == "kept":
        return f"📎 {noun} attached to report #{seizure_id}."
    why = _WHY.get(media.kept, "it could not be fetched")
    return (
        f"{noun} noted with report #{seizure_id}, but its file could not be kept ({why}). "
        "The report stands; send a smaller copy as a reply to the acknowledgement if needed."
    )


def location_attached(seizure_id: int, latitude: float, longitude: float) -> str:
    """The answer to a shared location that went to a report."""
    return f"📍 Location {latitude:.5f}, {longitude:.5f} attached to report #{seizure_id}."


def not_yours(seizure_id: int) -> str:
    """Someone else's report: only its author adds to it."""
    return f"Only the officer who sent report #{seizure_id} can add to it."


def voided(seizure_id: int) -> str:
    """A voided report takes no more attachments."""
    return f"Report #{seizure_id} was voided, so nothing was attached. Send a new report instead."


CAPTION_POINTER = (
    "To report with a photo or document, write the report as its caption, e.g. "
    f"<code>{EXAMPLE}</code>. To add a photo to a report you sent, send it as a reply to my "
    "acknowledgement of that report."
)
LOCATION_POINTER = (
    "To attach a location, share it as a reply to my acknowledgement of your report, or "
    "within 10 minutes after sending the report. To report, send e.g. "
    f"<code>{EXAMPLE}</code>."
)
