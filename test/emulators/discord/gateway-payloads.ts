// READY (+ GUILD_CREATE) for a new gateway session and GUILD_MEMBERS_CHUNK for op 8, built from the world.
// READY's `application` feeds `client.application`, whose id discord.js uses in interaction webhook routes.
import { isObject, type JsonObject } from "./json.ts";
import { guildCreateObject, memberObject, userObject } from "./payloads.ts";
import type { World } from "./world.ts";

/** GATEWAY_GUILD_MEMBERS (1 << 14) | GATEWAY_MESSAGE_CONTENT (1 << 18): both privileged intents enabled. */
const APPLICATION_FLAGS = (1 << 14) | (1 << 18);

/** A session's `[shard_id, num_shards]` from its IDENTIFY (`[0, 1]` when the bot does not shard). */
export type Shard = readonly [number, number];

/** Discord's sharding formula: a guild's events go to shard `(guild_id >> 22) % num_shards`. */
export function guildOnShard(guildId: string, [id, count]: Shard): boolean {
  return Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
}

export function identifyDispatches(
  world: World,
  sessionId: string,
  gatewayUrl: string,
  shard: Shard,
): { t: string; d: unknown }[] {
  const onThisShard = guildOnShard(world.guildId, shard);
  return [
    {
      t: "READY",
      d: {
        v: 10,
        user: { ...userObject(world.bot), bot: true, verified: true, mfa_enabled: false, email: null },
        guilds: onThisShard ? [{ id: world.guildId, unavailable: true }] : [],
        session_id: sessionId,
        session_type: "normal",
        resume_gateway_url: gatewayUrl,
        application: { id: world.applicationId, flags: APPLICATION_FLAGS },
        private_channels: [],
        relationships: [],
        user_settings: {},
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        shard,
        _trace: ["secondround-discord-emulator"],
      },
    },
    // Sent right away: discord.js holds clientReady until every READY guild arrived (or waitGuildTimeout).
    ...(onThisShard ? [{ t: "GUILD_CREATE", d: guildCreateObject(world) }] : []),
  ];
}

export function guildMembersChunk(world: World, request: JsonObject): unknown {
  const ids = Array.isArray(request.user_ids)
    ? request.user_ids.map(String)
    : typeof request.user_ids === "string"
      ? [request.user_ids]
      : null;
  const query = typeof request.query === "string" ? request.query.toLowerCase() : "";
  const limit =
    typeof request.limit === "number" && request.limit > 0 ? request.limit : Number.POSITIVE_INFINITY;
  const users = [...world.users.values()].filter((u) =>
    ids ? ids.includes(u.id) : u.username.toLowerCase().startsWith(query),
  );
  return {
    guild_id: world.guildId,
    members: users.slice(0, limit).map((u) => memberObject(world, u)),
    chunk_index: 0,
    chunk_count: 1,
    not_found: ids ? ids.filter((id) => !world.users.has(id)) : [],
    ...(isObject(request) && "nonce" in request ? { nonce: request.nonce } : {}),
  };
}
