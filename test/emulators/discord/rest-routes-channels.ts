// Channel and thread routes: GET/PATCH/DELETE a channel, typing, creating threads (with or without a starter
// message) and thread membership (channel.mdx:582-622, threads.mdx).
import {
  dispatchChannelDelete,
  dispatchChannelUpdate,
  dispatchThreadCreate,
  dispatchThreadMembersUpdate,
} from "./channel-events.ts";
import { requireNotArchived, requirePermission, requireView } from "./channel-guards.ts";
import type { EmulatorContext } from "./context.ts";
import {
  DiscordHttpError,
  type FieldError,
  invalidFormBody,
  missingPermissions,
  threadArchived,
  unknownMember,
  unknownUser,
} from "./errors.ts";
import { channelObject, memberObject, threadMemberObject } from "./payloads.ts";
import { Permission } from "./permissions.ts";
import type { Route, RouteRequest, RouteResult } from "./rest-router.ts";
import type { ChannelState, ThreadChannelState } from "./world.ts";

const AUTO_ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];

const wrongChannelType = () =>
  new DiscordHttpError(400, 50024, "Cannot execute action on this channel type", {
    reason: "threads can only start in a text channel",
  });

export function channelRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: "GET", pattern: "/channels/:channel", auth: true, handle: (r) => getChannel(ctx, r) },
    { method: "PATCH", pattern: "/channels/:channel", auth: true, handle: (r) => patchChannel(ctx, r) },
    { method: "DELETE", pattern: "/channels/:channel", auth: true, handle: (r) => deleteChannel(ctx, r) },
    { method: "POST", pattern: "/channels/:channel/typing", auth: true, handle: (r) => typing(ctx, r) },
    { method: "POST", pattern: "/channels/:channel/threads", auth: true, handle: (r) => startThread(ctx, r) },
    {
      method: "POST",
      pattern: "/channels/:channel/messages/:message/threads",
      auth: true,
      handle: (r) => startThreadFromMessage(ctx, r),
    },
    {
      method: "GET",
      pattern: "/channels/:channel/thread-members",
      auth: true,
      handle: (r) => listMembers(ctx, r),
    },
    {
      method: "GET",
      pattern: "/channels/:channel/thread-members/:user",
      auth: true,
      handle: (r) => getMember(ctx, r),
    },
    {
      method: "PUT",
      pattern: "/channels/:channel/thread-members/:user",
      auth: true,
      handle: (r) => addMember(ctx, r),
    },
    {
      method: "DELETE",
      pattern: "/channels/:channel/thread-members/:user",
      auth: true,
      handle: (r) => removeMember(ctx, r),
    },
  ];
}

function viewable(ctx: EmulatorContext, request: RouteRequest): ChannelState {
  const channel = ctx.world.channel(request.params.channel ?? "");
  requireView(ctx, channel);
  return channel;
}

function viewableThread(ctx: EmulatorContext, request: RouteRequest): ThreadChannelState {
  const thread = ctx.world.thread(request.params.channel ?? "");
  requireView(ctx, thread);
  return thread;
}

function getChannel(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  return { status: 200, body: channelObject(viewable(ctx, request)) };
}

function badLength(field: string, min: number, max: number): DiscordHttpError {
  const error: FieldError = {
    code: "BASE_TYPE_BAD_LENGTH",
    message: `Must be between ${min} and ${max} in length.`,
  };
  return invalidFormBody({ [field]: { _errors: [error] } }, `${field}: ${error.message}`);
}

function checkName(name: unknown): string {
  const length = typeof name === "string" ? [...name].length : 0;
  if (typeof name !== "string" || length < 1 || length > 100) throw badLength("name", 1, 100);
  return name;
}

function checkAutoArchive(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && AUTO_ARCHIVE_DURATIONS.includes(value)) return value;
  const error: FieldError = {
    code: "BASE_TYPE_CHOICES",
    message: `Value must be one of {${AUTO_ARCHIVE_DURATIONS.join(", ")}}.`,
  };
  throw invalidFormBody(
    { auto_archive_duration: { _errors: [error] } },
    `auto_archive_duration ${String(value)}`,
  );
}

function patchChannel(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = viewable(ctx, request);
  const body = request.body;
  const thread = channel.thread;
  if (!thread) {
    // Renaming a text channel needs MANAGE_CHANNELS, which the emulated bot does not have.
    requirePermission(ctx, channel, "MANAGE_CHANNELS");
    if ("name" in body) channel.name = checkName(body.name);
    if ("topic" in body) channel.topic = typeof body.topic === "string" ? body.topic : null;
    dispatchChannelUpdate(ctx, channel);
    return { status: 200, body: channelObject(channel) };
  }
  // Modify Channel (Thread): only an unarchive may touch an archived thread; `locked` and archiving someone
  // else's thread need MANAGE_THREADS; unarchiving a locked thread too (channel.mdx "JSON Params (Thread)").
  if (thread.archived && body.archived !== false) throw threadArchived();
  const moderator = ctx.world.botCan(channel, Permission.MANAGE_THREADS);
  const owner = thread.ownerId === ctx.world.botUserId;
  if ("locked" in body && body.locked !== thread.locked && !moderator) {
    throw missingPermissions("MANAGE_THREADS", "changing `locked`");
  }
  if (body.archived === true && !owner && !moderator) throw missingPermissions("MANAGE_THREADS", "archiving");
  if (body.archived === false && thread.locked && !moderator) {
    throw missingPermissions("MANAGE_THREADS", "unarchiving a locked thread");
  }
  if ("name" in body) channel.name = checkName(body.name);
  const duration = checkAutoArchive(body.auto_archive_duration);
  if (duration !== undefined) thread.autoArchiveDuration = duration;
  if (typeof body.invitable === "boolean" && channel.type === 12) thread.invitable = body.invitable;
  if (typeof body.locked === "boolean") thread.locked = body.locked;
  if (typeof body.archived === "boolean" && body.archived !== thread.archived) {
    thread.archived = body.archived;
    thread.archiveTimestamp = new Date().toISOString();
  }
  dispatchChannelUpdate(ctx, channel);
  return { status: 200, body: channelObject(channel) };
}

function deleteChannel(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = viewable(ctx, request);
  requirePermission(ctx, channel, channel.thread ? "MANAGE_THREADS" : "MANAGE_CHANNELS");
  channel.deleted = true;
  dispatchChannelDelete(ctx, channel);
  return { status: 200, body: channelObject(channel) };
}

function typing(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const channel = viewable(ctx, request);
  requirePermission(ctx, channel, channel.thread ? "SEND_MESSAGES_IN_THREADS" : "SEND_MESSAGES");
  return { status: 204 };
}

function startThread(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const parent = viewable(ctx, request);
  if (parent.type !== 0) throw wrongChannelType();
  const body = request.body;
  // Without `type` Discord creates a PRIVATE_THREAD (channel.mdx:621); discord.js always sends one (default 11).
  const type = body.type === undefined ? 12 : body.type;
  if (type !== 11 && type !== 12) {
    const error: FieldError = { code: "BASE_TYPE_CHOICES", message: "Value must be one of {11, 12}." };
    throw invalidFormBody({ type: { _errors: [error] } }, `thread type ${String(type)}`);
  }
  const name = checkName(body.name);
  const duration = checkAutoArchive(body.auto_archive_duration);
  requirePermission(ctx, parent, type === 12 ? "CREATE_PRIVATE_THREADS" : "CREATE_PUBLIC_THREADS");
  const thread = ctx.world.addThread(parent, { name, type, ownerId: ctx.world.botUserId });
  if (duration !== undefined) thread.thread.autoArchiveDuration = duration;
  if (type === 12 && typeof body.invitable === "boolean") thread.thread.invitable = body.invitable;
  dispatchThreadCreate(ctx, thread);
  return { status: 201, body: channelObject(thread) };
}

function startThreadFromMessage(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const parent = viewable(ctx, request);
  if (parent.type !== 0) throw wrongChannelType();
  const starter = ctx.world.message(parent.id, request.params.message ?? "");
  if (ctx.world.channels.has(starter.id)) {
    throw new DiscordHttpError(400, 160004, "A thread has already been created for this message", {
      reason: "message already has a thread",
    });
  }
  const name = checkName(request.body.name);
  const duration = checkAutoArchive(request.body.auto_archive_duration);
  requirePermission(ctx, parent, "CREATE_PUBLIC_THREADS");
  // A thread started from a message shares the message's id.
  const thread = ctx.world.addThread(parent, {
    name,
    type: 11,
    ownerId: ctx.world.botUserId,
    id: starter.id,
  });
  if (duration !== undefined) thread.thread.autoArchiveDuration = duration;
  dispatchThreadCreate(ctx, thread);
  ctx.messages.dispatchUpdate(starter);
  return { status: 201, body: channelObject(thread) };
}

function userParam(ctx: EmulatorContext, request: RouteRequest): string {
  const user = request.params.user ?? "";
  return user === "@me" ? ctx.world.botUserId : user;
}

function listMembers(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const thread = viewableThread(ctx, request);
  const members = [...thread.thread.members].map(([userId, joined]) =>
    threadMemberObject(thread.id, userId, joined),
  );
  return { status: 200, body: members };
}

function getMember(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const thread = viewableThread(ctx, request);
  const userId = userParam(ctx, request);
  const joined = thread.thread.members.get(userId);
  if (!joined) throw unknownMember();
  const withMember = request.query.with_member === "true";
  return {
    status: 200,
    body: {
      ...threadMemberObject(thread.id, userId, joined),
      ...(withMember ? { member: memberObject(ctx.world, ctx.world.user(userId)) } : {}),
    },
  };
}

function addMember(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const thread = viewableThread(ctx, request);
  requireNotArchived(thread);
  const userId = userParam(ctx, request);
  if (!ctx.world.users.has(userId)) throw unknownUser();
  // "Requires the ability to send messages in the thread" (channel.mdx Add Thread Member).
  requirePermission(ctx, thread, "SEND_MESSAGES_IN_THREADS");
  const moderator = ctx.world.botCan(thread, Permission.MANAGE_THREADS);
  const owner = thread.thread.ownerId === ctx.world.botUserId;
  if (
    thread.type === 12 &&
    !thread.thread.invitable &&
    !owner &&
    !moderator &&
    userId !== ctx.world.botUserId
  ) {
    throw missingPermissions("MANAGE_THREADS", "thread is not invitable");
  }
  if (!thread.thread.members.has(userId)) {
    thread.thread.members.set(userId, new Date().toISOString());
    dispatchThreadMembersUpdate(ctx, thread, { added: [userId] });
  }
  return { status: 204 };
}

function removeMember(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const thread = viewableThread(ctx, request);
  requireNotArchived(thread);
  const userId = userParam(ctx, request);
  const moderator = ctx.world.botCan(thread, Permission.MANAGE_THREADS);
  const privateOwner = thread.type === 12 && thread.thread.ownerId === ctx.world.botUserId;
  // Removing someone else needs MANAGE_THREADS, or being the creator of a private thread (channel.mdx).
  if (userId !== ctx.world.botUserId && !moderator && !privateOwner) {
    throw missingPermissions("MANAGE_THREADS", "removing another member");
  }
  if (!thread.thread.members.has(userId)) throw unknownMember();
  thread.thread.members.delete(userId);
  dispatchThreadMembersUpdate(ctx, thread, { removed: [userId] });
  return { status: 204 };
}
