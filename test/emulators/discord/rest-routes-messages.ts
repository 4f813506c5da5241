// Channel message routes: send (JSON or multipart), list, fetch, edit, delete. Sends are echoed as MESSAGE_CREATE
// with the bot as author; `nonce` + `enforce_nonce: true` returns the earlier message instead of posting twice.
import { requireNotArchived, requirePermission, requireSendable, requireView } from "./channel-guards.ts";
import type { EmulatorContext } from "./context.ts";
import { DiscordHttpError, ErrorCode, missingPermissions, unknownMessage } from "./errors.ts";
import { CHANNEL_MESSAGE_FLAGS, MessageFlag } from "./messages.ts";
import { messageObject } from "./payloads.ts";
import { Permission } from "./permissions.ts";
import type { Route, RouteRequest, RouteResult } from "./rest-router.ts";
import type { RecordedMessage } from "./types.ts";
import type { ChannelState } from "./world.ts";

export function messageRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: "POST", pattern: "/channels/:channel/messages", auth: true, handle: (r) => send(ctx, r) },
    { method: "GET", pattern: "/channels/:channel/messages", auth: true, handle: (r) => list(ctx, r) },
    {
      method: "GET",
      pattern: "/channels/:channel/messages/:message",
      auth: true,
      handle: (r) => fetchOne(ctx, r),
    },
    {
      method: "PATCH",
      pattern: "/channels/:channel/messages/:message",
      auth: true,
      handle: (r) => edit(ctx, r),
    },
    {
      method: "DELETE",
      pattern: "/channels/:channel/messages/:message",
      auth: true,
      handle: (r) => remove(ctx, r),
    },
  ];
}

function send(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = ctx.world.channel(request.params.channel ?? "");
  requireSendable(ctx, channel, request.files.length > 0);
  const { message } = ctx.messages.create({
    channel,
    author: ctx.world.bot,
    body: request.body,
    files: request.files,
    source: "bot",
    allowedFlags: CHANNEL_MESSAGE_FLAGS,
  });
  return { status: 200, body: messageObject(ctx.world, message) };
}

function readable(ctx: EmulatorContext, request: RouteRequest): ChannelState {
  const channel = ctx.world.channel(request.params.channel ?? "");
  requireView(ctx, channel);
  requirePermission(ctx, channel, "READ_MESSAGE_HISTORY");
  return channel;
}

/** Ephemeral messages belong to one user's client and cannot be fetched from the channel. */
function visible(message: RecordedMessage): boolean {
  return !message.deleted && (message.flags & MessageFlag.Ephemeral) === 0;
}

function list(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = readable(ctx, request);
  const limit = Math.min(Math.max(Number(request.query.limit ?? 50) || 50, 1), 100);
  const before = request.query.before ? BigInt(request.query.before) : null;
  const after = request.query.after ? BigInt(request.query.after) : null;
  let messages = ctx.world.messagesIn(channel.id).filter(visible);
  if (before !== null) messages = messages.filter((m) => BigInt(m.id) < before);
  if (after !== null) messages = messages.filter((m) => BigInt(m.id) > after);
  // Newest first, like Discord; with `after`, the oldest `limit` after it.
  messages.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const page = after !== null ? messages.slice(-limit) : messages.slice(0, limit);
  return { status: 200, body: page.map((m) => storedMessageObject(ctx, m)) };
}

/**
 * A message read back later: Discord does not store the `nonce`, which only the create response and the
 * MESSAGE_CREATE echo carry, so a bot cannot find its earlier sends by nonce.
 */
function storedMessageObject(ctx: EmulatorContext, message: RecordedMessage): Record<string, unknown> {
  const { nonce: _nonce, ...stored } = messageObject(ctx.world, message);
  return stored;
}

function fetchOne(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = readable(ctx, request);
  const message = ctx.world.message(channel.id, request.params.message ?? "");
  if (!visible(message)) throw unknownMessage();
  return { status: 200, body: storedMessageObject(ctx, message) };
}

function edit(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = ctx.world.channel(request.params.channel ?? "");
  requireView(ctx, channel);
  const message = ctx.world.message(channel.id, request.params.message ?? "");
  if (!visible(message)) throw unknownMessage();
  if (message.author.id !== ctx.world.botUserId) {
    throw new DiscordHttpError(
      403,
      ErrorCode.CannotEditOtherUsersMessage,
      "Cannot edit a message authored by another user",
      {
        reason: "editing another user's message",
      },
    );
  }
  requireNotArchived(channel);
  return {
    status: 200,
    body: messageObject(ctx.world, ctx.messages.edit(message, request.body, request.files)),
  };
}

function remove(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = ctx.world.channel(request.params.channel ?? "");
  requireView(ctx, channel);
  const message = ctx.world.message(channel.id, request.params.message ?? "");
  if (!visible(message)) throw unknownMessage();
  if (message.author.id !== ctx.world.botUserId && !ctx.world.botCan(channel, Permission.MANAGE_MESSAGES)) {
    throw missingPermissions("MANAGE_MESSAGES", "deleting another user's message");
  }
  requireNotArchived(channel);
  ctx.messages.remove(message);
  return { status: 204 };
}
