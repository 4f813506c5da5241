import { webApi } from "@slack/bolt";
import type { Clock, Logger } from "../../src/core/ports/ports.ts";
import { describeSlackError, slackErrorCode } from "./slack-errors.ts";

/**
 * How long a user group's members are trusted. Slack allows usergroups.users.list about 20 times a
 * minute per workspace (Tier 2); a burst of `/interview admin` costs one call per group per minute.
 * Someone removed from the group keeps admin rights here for at most this long.
 */
export const USERGROUP_CACHE_MS = 60_000;
/** Cached groups kept at most; expired ones are dropped first. */
const MAX_CACHED_GROUPS = 5_000;

/** Reads a group's member ids from Slack (usergroups.users.list). */
export type ListUsergroupMembers = () => Promise<readonly string[]>;

interface Cached {
  readonly members: ReadonlySet<string>;
  readonly fetchedAt: number;
}

/**
 * User groups' members per workspace, cached for a minute. Fails closed: when Slack cannot answer
 * (missing scope, rate limit, outage) the answer is null, "could not check", never a guess. A group
 * the workspace does not have (`no_such_subteam`: a mistyped id, or another workspace's group in a
 * multi-workspace deployment) has no members there. After a rate limit no call is made until
 * Slack's Retry-After has passed. Logs name the workspace, the group and Slack's error code only.
 */
export class UsergroupMembers {
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #cache = new Map<string, Cached>();
  readonly #inFlight = new Map<string, Promise<ReadonlySet<string> | null>>();
  /** Per workspace: no call before this time (Slack's Retry-After). */
  readonly #rateLimitedUntil = new Map<string, number>();

  constructor(options: { readonly clock: Clock; readonly logger: Logger }) {
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** The group's member ids, or null when Slack could not tell us. */
  members(
    teamId: string,
    usergroupId: string,
    list: ListUsergroupMembers,
  ): Promise<ReadonlySet<string> | null> {
    const key = `${teamId}:${usergroupId}`;
    const now = this.#clock.now();
    const cached = this.#cache.get(key);
    if (cached && now - cached.fetchedAt < USERGROUP_CACHE_MS) return Promise.resolve(cached.members);
    if ((this.#rateLimitedUntil.get(teamId) ?? 0) > now) return Promise.resolve(null);
    // Simultaneous checks share one call.
    const running = this.#inFlight.get(key);
    if (running) return running;
    const lookup = this.#fetch(key, teamId, usergroupId, list).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, lookup);
    return lookup;
  }

  async #fetch(
    key: string,
    teamId: string,
    usergroupId: string,
    list: ListUsergroupMembers,
  ): Promise<ReadonlySet<string> | null> {
    let members: ReadonlySet<string>;
    try {
      members = new Set(await list());
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === "no_such_subteam") {
        this.#logger.warn("slack admin user group not in this workspace; it grants nothing here", {
          teamId,
          usergroup: usergroupId,
        });
        members = new Set();
      } else {
        const retryAfter = rateLimitRetryAfter(error);
        if (retryAfter !== null) this.#rateLimitedUntil.set(teamId, this.#clock.now() + retryAfter * 1000);
        this.#logger.warn("slack user group members not read; admin check refused", {
          teamId,
          usergroup: usergroupId,
          error:
            retryAfter === null ? describeSlackError(error) : `ratelimited (retry after ${retryAfter} s)`,
        });
        return null;
      }
    }
    this.#remember(key, members);
    return members;
  }

  #remember(key: string, members: ReadonlySet<string>): void {
    const now = this.#clock.now();
    if (this.#cache.size >= MAX_CACHED_GROUPS) {
      for (const [cachedKey, entry] of this.#cache)
        if (now - entry.fetchedAt >= USERGROUP_CACHE_MS) this.#cache.delete(cachedKey);
      if (this.#cache.size >= MAX_CACHED_GROUPS) this.#cache.delete(this.#cache.keys().next().value ?? "");
    }
    this.#cache.set(key, { members, fetchedAt: now });
  }
}

/** Seconds Slack asked us to wait (a 429 the client was told to reject), or null for any other error. */
function rateLimitRetryAfter(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const limited = error as { code?: unknown; retryAfter?: unknown };
  if (limited.code !== webApi.ErrorCode.RateLimitedError) return null;
  return typeof limited.retryAfter === "number" ? limited.retryAfter : 60;
}
