import {
  type CommunitySettings,
  CommunitySettingsSchema,
  DEFAULT_COMMUNITY_SETTINGS,
} from "../core/model/community-settings.ts";
import {
  type CommunitySettingsStore,
  TOKEN_METER_RETENTION_MS,
} from "../core/ports/community-settings-store.ts";
import { callRedis } from "./call-redis.ts";
import { CLAIM_OVERDUE_SCRIPT } from "./inbox-scripts.ts";
import type { RedisClient } from "./redis-connection.ts";
import { communitySettingsKey, retentionDueKey, tokenMeterKey } from "./store-keys.ts";

/**
 * Settings as one JSON string per community; the token meter as one counter per community and
 * month (INCRBY, then an expiry two months out, so old months go on their own). Both under the
 * community's hash tag: the community's erasure SCAN removes them with its interviews.
 */
export class RedisCommunitySettingsStore implements CommunitySettingsStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(config: { readonly client: RedisClient; readonly keyPrefix?: string }) {
    this.#redis = config.client;
    this.#prefix = config.keyPrefix ?? "sr";
  }

  async get(scope: string): Promise<CommunitySettings> {
    const stored = await callRedis(() => this.#redis.get(communitySettingsKey(this.#prefix, scope)));
    return stored === null ? DEFAULT_COMMUNITY_SETTINGS : readSettings(stored);
  }

  async put(scope: string, settings: CommunitySettings): Promise<void> {
    const parsed = CommunitySettingsSchema.parse(settings);
    const value = JSON.stringify(parsed);
    await callRedis(() => this.#redis.set(communitySettingsKey(this.#prefix, scope), value));
    // Two slots in a Cluster, so two commands: a community left listed without a period is
    // unlisted by the sweep itself, and a period is always listed after the settings hold it.
    const due = retentionDueKey(this.#prefix);
    if (parsed.retentionDays === undefined) await callRedis(() => this.#redis.zrem(due, scope));
    else await callRedis(() => this.#redis.zadd(due, 0, scope));
  }

  async claimDueRetention(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const key = retentionDueKey(this.#prefix);
    const due = await callRedis(() =>
      this.#redis.eval(CLAIM_OVERDUE_SCRIPT, 2, key, key, now, now + leaseMs, limit),
    );
    return due as string[];
  }

  async retentionApplied(scope: string, nextAt: number | null): Promise<void> {
    const key = retentionDueKey(this.#prefix);
    if (nextAt === null) await callRedis(() => this.#redis.zrem(key, scope));
    // LT: a change of settings during the sweep made it due at once (score 0); that stays.
    else await callRedis(() => this.#redis.zadd(key, "XX", "LT", nextAt, scope));
  }

  async addTokens(scope: string, month: string, tokens: number): Promise<number> {
    const key = tokenMeterKey(this.#prefix, scope, month);
    const result = await callRedis(() =>
      this.#redis.multi().incrby(key, tokens).pexpire(key, TOKEN_METER_RETENTION_MS).exec(),
    );
    return Number(result?.[0]?.[1] ?? 0);
  }

  async tokensUsed(scope: string, month: string): Promise<number> {
    const stored = await callRedis(() => this.#redis.get(tokenMeterKey(this.#prefix, scope, month)));
    return stored === null ? 0 : Number(stored);
  }
}

/** A stored value that no longer validates (a hand edit) means the defaults, not a crash. */
function readSettings(raw: string): CommunitySettings {
  try {
    const parsed = CommunitySettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_COMMUNITY_SETTINGS;
  } catch {
    return DEFAULT_COMMUNITY_SETTINGS;
  }
}
