// Everything else a bot may call around login and lookups: gateway discovery, the application, users, the guild and
// its members. `GET /gateway/bot` is the only REST call discord.js makes before READY (platforms.md §1.1).
import type { EmulatorContext } from "./context.ts";
import { missingAccess, unknownMember } from "./errors.ts";
import {
  channelObject,
  guildObject,
  memberObject,
  roleObjects,
  threadMemberObject,
  userObject,
} from "./payloads.ts";
import type { Route, RouteRequest, RouteResult } from "./rest-router.ts";

export function metaRoutes(ctx: EmulatorContext): Route[] {
  const gateway = () => `${ctx.origin().replace(/^http/, "ws")}/gateway`;
  return [
    {
      method: "GET",
      pattern: "/gateway/bot",
      auth: true,
      // discord.js caches this until `reset_after` and refuses to connect when `remaining` < shard count.
      handle: () => ({
        status: 200,
        body: {
          url: gateway(),
          shards: ctx.options.recommendedShards,
          // Large bots may identify several shards at once; this keeps a sharded test from waiting 5 s per shard.
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
        },
      }),
    },
    {
      method: "GET",
      pattern: "/gateway",
      auth: false,
      handle: () => ({ status: 200, body: { url: gateway() } }),
    },
    { method: "GET", pattern: "/applications/@me", auth: true, handle: () => application(ctx) },
    { method: "GET", pattern: "/users/:user", auth: true, handle: (r) => user(ctx, r) },
    { method: "GET", pattern: "/guilds/:guild", auth: true, handle: (r) => guild(ctx, r) },
    { method: "GET", pattern: "/guilds/:guild/channels", auth: true, handle: (r) => guildChannels(ctx, r) },
    { method: "GET", pattern: "/guilds/:guild/roles", auth: true, handle: (r) => roles(ctx, r) },
    { method: "GET", pattern: "/guilds/:guild/members/:user", auth: true, handle: (r) => member(ctx, r) },
    {
      method: "GET",
      pattern: "/guilds/:guild/threads/active",
      auth: true,
      handle: (r) => activeThreads(ctx, r),
    },
  ];
}

function application(ctx: EmulatorContext): RouteResult {
  const { world } = ctx;
  return {
    status: 200,
    body: {
      id: world.applicationId,
      name: world.bot.username,
      icon: null,
      description: "",
      bot_public: false,
      bot_require_code_grant: false,
      flags: 0,
      bot: userObject(world.bot),
      owner: userObject(world.user(world.ownerId)),
      verify_key: "0".repeat(64),
      team: null,
    },
  };
}

function user(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const id = request.params.user === "@me" ? ctx.world.botUserId : (request.params.user ?? "");
  return { status: 200, body: userObject(ctx.world.user(id)) };
}

function ourGuild(ctx: EmulatorContext, request: RouteRequest): void {
  if (request.params.guild !== ctx.world.guildId) throw missingAccess();
}

function guild(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  ourGuild(ctx, request);
  return { status: 200, body: guildObject(ctx.world) };
}

function guildChannels(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  ourGuild(ctx, request);
  const channels = [...ctx.world.channels.values()].filter((c) => !c.deleted && !c.thread);
  return { status: 200, body: channels.map(channelObject) };
}

function roles(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  ourGuild(ctx, request);
  return { status: 200, body: roleObjects(ctx.world) };
}

function member(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  ourGuild(ctx, request);
  const found = ctx.world.users.get(request.params.user ?? "");
  if (!found) throw unknownMember();
  return { status: 200, body: memberObject(ctx.world, found) };
}

function activeThreads(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  ourGuild(ctx, request);
  const threads = [...ctx.world.channels.values()].filter(
    (c) => c.thread && !c.deleted && !c.thread.archived && ctx.world.botSeesThread(c),
  );
  const members = threads.flatMap((t) => {
    const joined = t.thread?.members.get(ctx.world.botUserId);
    return joined ? [threadMemberObject(t.id, ctx.world.botUserId, joined)] : [];
  });
  return { status: 200, body: { threads: threads.map(channelObject), members } };
}
