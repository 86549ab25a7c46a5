"""/invite, /members and /revoke."""

from __future__ import annotations

import re
from datetime import timedelta
from html import escape

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.delivery import is_gone
from bot.domain.unit import Caller, Role
from bot.parsing.args import UsageError, command_text, split_args
from bot.render import invites as render_invites
from bot.render import replies as render
from bot.render.help import TRAINING_TOPICS
from bot.render.i18n import _
from bot.render.replies import usage
from handlers.guard import guarded
from handlers.reply import answer, is_group, personal
from storage import invites as invite_store
from storage import members as member_store
from storage import operations as operation_store
from storage.update_claims import Repeated


@guarded("invite")
async def invite(update: Update, context: BotContext, caller: Caller) -> None:
    """/invite officer AGENCY | coordinator | observer: a one-time deep link."""
    message = update.effective_message
    assert message is not None
    syntax = usage("invite")
    words = split_args(command_text(message.text or ""), syntax)
    roles = {"officer": Role.OFFICER, "coordinator": Role.COORDINATOR, "observer": Role.OBSERVER}
    if words and words[0].lower() in TRAINING_TOPICS:  # '/invite workshop 20': a hint
        await _workshop_how(update, context, caller, words[1:])
        return
    role = roles.get(words[0].lower()) if words else None
    named = 2 if role is Role.OFFICER else 1  # the role, and an officer's agency
    if role is None or len(words) < named or len(words) > named + 2:
        raise UsageError(_("Who is the invite for?") + f"\n{syntax}")
    people, hours = _workshop(words[named:], context.config.operations.invite_hours)
    agency = None
    if role is Role.OFFICER:
        agency = await operation_store.find_agency(
            context.db, operation_id=caller.operation.id, code=words[1]
        )
        if agency is None:
            known = ", ".join(
                a.code
                for a in await operation_store.agencies(
                    context.db, operation_id=caller.operation.id
                )
            )
            raise UsageError(
                _(
                    "{agency} is not an agency of this operation (agencies: {known}). "
                    'Add it first, e.g. /agency add {code} "Name" Asia/Seoul'
                ).format(agency=words[1], known=known or _("none"), code=words[1].upper())
            )
    created = await invite_store.create_invite(
        context.db,
        operation_id=caller.operation.id,
        role=role,
        agency_id=agency.id if agency else None,
        actor_id=caller.user_id,
        now=context.clock.now(),
        valid_for=timedelta(hours=hours),
        update_id=update.update_id,
        max_uses=people,
    )
    link = f"https://t.me/{context.bot.username}?start={created.code}"
    if people > 1:
        text = render_invites.workshop_link(caller.operation, created, agency=agency, link=link)
    else:
        text = render.invite_link(
            caller.operation,
            number=created.number,
            role=role,
            agency=agency,
            link=link,
            expires=created.expires_at,
        )
    try:
        await personal(update, context, caller, text)
    except (Forbidden, BadRequest) as exc:
        if not is_gone(exc):
            raise
        # Asked in the group by someone the bot cannot write to in private (blocked, never
        # started): a one-time code nobody saw must not stay open for days. Told how to get
        # one (handlers.guard), they send /invite again and get a new one.
        await invite_store.revoke_invite(
            context.db,
            operation_id=caller.operation.id,
            which=created.code,
            actor_id=caller.user_id,
            now=context.clock.now(),
        )
        raise


_SMALL = re.compile(r"[0-9]{1,4}")
MAX_PEOPLE = 500  # a workshop's room; a larger event gets several links, each revocable
MAX_HOURS = 24 * 30
_HOURS = re.compile(r"([0-9]{1,4})\s*(h|d)", re.IGNORECASE)


def _workshop(words: list[str], default_hours: float) -> tuple[int, float]:
    """(people, hours) from '/invite officer KCS 30 48h' after the agency; one person by default."""
    people, hours = 1, default_hours
    example = _("e.g. /invite officer KCS 30 48h (a link for 30 people, good for 48 hours)")
    for word in words:
        duration = _HOURS.fullmatch(word)
        if word.isascii() and word.isdigit() and people == 1:
            people = int(word)
            if not 1 <= people <= MAX_PEOPLE:
                raise UsageError(
                    _("An invite is for 1 to {most} people, {example}").format(
                        most=MAX_PEOPLE, example=example
                    )
                )
        elif duration is not None:
            hours = int(duration[1]) * (24 if duration[2].lower() == "d" else 1)
            if not 1 <= hours <= MAX_HOURS:
                raise UsageError(
                    _("An invite lasts 1 hour to 30 days, {example}").format(example=example)
                )
        else:
            raise UsageError(
                _("{word} is not a number of people or hours, {example}").format(
                    word=escape(word), example=example
                )
            )
    return people, hours


@guarded("invites")
async def invites(update: Update, context: BotContext, caller: Caller) -> None:
    """/invites: open invite links; /invites revoke CODE|NUMBER stops one."""
    message = update.effective_message
    assert message is not None
    words = command_text(message.text or "").split()
    now = context.clock.now()
    if not words:
        listed = await invite_store.open_invites(
            context.db, operation_id=caller.operation.id, now=now
        )
        await personal(
            update, context, caller, render_invites.open_list(caller.operation, listed), long=True
        )
        return
    if words[0].lower() != "revoke" or len(words) != 2:
        raise UsageError(
            _("List them, or revoke one by its number or code.") + f"\n{usage('invites')}"
        )
    try:
        stopped = await invite_store.revoke_invite(
            context.db,
            operation_id=caller.operation.id,
            which=words[1],
            actor_id=caller.user_id,
            now=now,
            update_id=update.update_id,
        )
    except invite_store.InviteNotFound:
        await personal(update, context, caller, render_invites.not_open(words[1]))
        return
    await personal(update, context, caller, render_invites.revoked(caller.operation, stopped))


@guarded("members")
async def members(update: Update, context: BotContext, caller: Caller) -> None:
    """/members: who is in the operation."""
    listed = await member_store.members(context.db, operation_id=caller.operation.id)
    await personal(
        update, context, caller, render.members_list(caller.operation, listed), long=True
    )


@guarded("revoke")
async def revoke(update: Update, context: BotContext, caller: Caller) -> None:
    """/revoke @username or id: the person leaves; their reports stay."""
    message = update.effective_message
    assert message is not None
    who = command_text(message.text or "").strip()
    if not who:
        raise UsageError(_("Whom?") + f"\n{usage('revoke')}")
    member = await member_store.find_member(context.db, operation_id=caller.operation.id, who=who)
    if member is None:
        if await context.db.carried_out(update.update_id):
            raise Repeated(update.update_id)  # the first delivery revoked them
        private = update.effective_chat is not None and not is_group(update.effective_chat)
        raise UsageError(await _not_found(context, caller, who, private=private))
    if member.role is Role.COORDINATOR and not caller.is_admin:
        listed = await member_store.members(context.db, operation_id=caller.operation.id)
        if [m.role for m in listed].count(Role.COORDINATOR) == 1:
            raise UsageError(render.last_coordinator(member.full_name, caller.operation.code))
    await member_store.revoke(
        context.db,
        operation_id=caller.operation.id,
        user_id=member.user_id,
        actor_id=caller.user_id,
        now=context.clock.now(),
        update_id=update.update_id,
    )
    await answer(
        update,
        _("{name} is no longer a member. Their reports stay.").format(
            name=escape(member.full_name)
        ),
        caller,
    )


async def _workshop_how(
    update: Update, context: BotContext, caller: Caller, rest: list[str]
) -> None:
    """/invite workshop [PEOPLE]: how to invite a room, with this operation's own agency."""
    agencies = await operation_store.agencies(context.db, operation_id=caller.operation.id)
    # ASCII digits, and few ('²'.isdigit() is True; int('²') fails).
    people = next((int(w) for w in rest if _SMALL.fullmatch(w) and 1 < int(w) < 1000), 30)
    code = agencies[0].code if agencies else "KCS"
    await answer(update, render_invites.workshop_how(caller.operation, code, people), caller)


async def _not_found(context: BotContext, caller: Caller, who: str, *, private: bool) -> str:
    """No member has that @username or id. In private, the members whose name it is part of
    (not the asker) are named with the command that revokes each ('/revoke Somchai' said
    Somchai was no member); in a group, where not everyone is a member, nobody is named."""
    # Said of a name too, which may be a member's: true of every word, and names nobody.
    unknown = _(
        "No member has the username or id {who}: /revoke takes a @username or an id, as "
        "/members lists them."
    ).format(who=who)
    typed = who.removeprefix("@").casefold()
    listed = await member_store.members(context.db, operation_id=caller.operation.id)
    named = [m for m in listed if typed in m.full_name.casefold() and m.user_id != caller.user_id]
    if not private or not typed or not named:
        return unknown
    handles = [f"/revoke @{m.username}" if m.username else f"/revoke {m.user_id}" for m in named]
    return _("No member has the username or id {who}. Members of that name: {members}").format(
        who=who,
        members="; ".join(f"{m.full_name}: {h}" for m, h in zip(named[:3], handles, strict=False)),
    )
