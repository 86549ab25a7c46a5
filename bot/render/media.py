"""The words about photos, documents and locations sent with reports."""

from __future__ import annotations

from bot.domain.media import Attached
from bot.render.i18n import _, ngettext

EXAMPLE = "/seizure 2kg meth at ICN in speaker"


def _why(kept: str) -> str:
    return {
        "too_large": _("it is over 20 MB"),
        "failed": _("Telegram did not hand it over"),
    }.get(kept, _("it could not be fetched"))


def files_line(attached: Attached) -> str:
    """One line under an acknowledgement: what the report carries."""
    if attached.kept + attached.lost == 0:
        return ""
    if not attached.lost:
        return ngettext(
            "📎 {n} file kept with the report.", "📎 {n} files kept with the report.", attached.kept
        ).format(n=attached.kept)
    return ngettext(
        "📎 {n} file kept with the report; {lost} could not be kept. Send it again as a reply "
        "to this message to attach it.",
        "📎 {n} files kept with the report; {lost} could not be kept. Send it again as a reply "
        "to this message to attach it.",
        attached.kept,
    ).format(n=attached.kept, lost=attached.lost)


def attached(done: Attached) -> str:
    """The answer to a photo or document sent as a reply to an acknowledgement."""
    seizure_id, media = done.number, done.media  # the number people see
    if media.kept == "kept":
        text = {
            "photo": _("📎 Photo attached to report #{number}."),
            "document": _("📎 Document attached to report #{number}."),
        }.get(media.kind, _("📎 File attached to report #{number}."))
        return text.format(number=seizure_id)
    text = {
        "photo": _(
            "Photo noted with report #{number}, but its file could not be kept ({why}). "
            "The report stands; send a smaller copy as a reply to the acknowledgement if needed."
        ),
        "document": _(
            "Document noted with report #{number}, but its file could not be kept ({why}). "
            "The report stands; send a smaller copy as a reply to the acknowledgement if needed."
        ),
    }.get(
        media.kind,
        _(
            "File noted with report #{number}, but its file could not be kept ({why}). "
            "The report stands; send a smaller copy as a reply to the acknowledgement if needed."
        ),
    )
    return text.format(number=seizure_id, why=_why(media.kept))


def location_attached(seizure_id: int, latitude: float, longitude: float) -> str:
    """The answer to a shared location that went to a report."""
    return _("📍 Location {latitude}, {longitude} attached to report #{number}.").format(
        latitude=f"{latitude:.5f}", longitude=f"{longitude:.5f}", number=seizure_id
    )


def not_yours(seizure_id: int) -> str:
    """Someone else's report: only its author adds to it."""
    return _("Only the officer who sent report #{number} can add to it.").format(number=seizure_id)


def voided(seizure_id: int) -> str:
    """A voided report takes no more attachments."""
    return _(
        "Report #{number} was voided, so nothing was attached. Send a new report instead."
    ).format(number=seizure_id)


def caption_pointer() -> str:
    """A photo or document without a report, where an answer is expected."""
    return _(
        "To report with a photo or document, write the report as its caption, e.g. "
        "<code>{example}</code>. To add a photo to a report you sent, send it as a reply to my "
        "acknowledgement of that report."
    ).format(example=EXAMPLE)


def location_pointer() -> str:
    """A location that belongs to no report."""
    return _(
        "To attach a location, share it as a reply to my acknowledgement of your report, or "
        "within 10 minutes after sending the report. To report, send e.g. "
        "<code>{example}</code>."
    ).format(example=EXAMPLE)
