import { type ProgressEntry, ProgressEntrySchema } from "../core/model/progress-entry.ts";
import {
  boundedProgress,
  MAX_PROGRESS_ENTRIES,
  PROGRESS_RETENTION_MS,
  type ProgressStore,
} from "../core/ports/progress-store.ts";
import { callRedis } from "./call-redis.ts";
import { type RetentionPeriodOf, ttlInCommunity } from "./community-period-ttl.ts";
import { dropDatedFields } from "./drop-dated-fields.ts";
import type { RedisClient } from "./redis-connection.ts";
import { progressKey } from "./store-keys.ts";
import { escapeGlob } from "./unlink-matching.ts";

export interface RedisProgressStoreConfig {
  readonly client: RedisClient;
  readonly keyPrefix?: string;
  readonly retentionMs?: number;
  /** The community's retention period, where shorter than the store's own TTL (settings). */
  readonly periodOf?: RetentionPeriodOf;
}

/**
 * One hash per member and community, a field per interview (its session id: recording twice
 * overwrites), the entry as JSON. Its TTL is refreshed by every write, so a member's history goes
 * a year after their latest interview.
 */
export class RedisProgressStore implements ProgressStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #retentionMs: number;
  readonly #periodOf: RetentionPeriodOf | undefined;

  constructor(config: RedisProgressStoreConfig) {
    this.#redis = config.client;
    this.#prefix = config.keyPrefix ?? "sr";
    this.#retentionMs = config.retentionMs ?? PROGRESS_RETENTION_MS;
    this.#periodOf = config.periodOf;
  }

  async record(scope: string, memberId: string, entry: ProgressEntry): Promise<void> {
    const key = progressKey(this.#prefix, scope, memberId);
    const ttl = await ttlInCommunity(this.#retentionMs, this.#periodOf, scope);
    const result = await callRedis(() =>
      this.#redis
        .multi()
        .hset(key, entry.sessionId, JSON.stringify(ProgressEntrySchema.parse(entry)))
        .pexpire(key, ttl)
        .hlen(key)
        .exec(),
    );
    const length = Number(result?.[2]?.[1] ?? 0);
    if (length <= MAX_PROGRESS_ENTRIES) return;
    // Rare (the 101st interview): drop the oldest beyond the bound.
    const all = await this.#read(key);
    const kept = new Set(boundedProgress(all).map((kept) => kept.sessionId));
    const dropped = all.filter((old) => !kept.has(old.sessionId)).map((old) => old.sessionId);
    if (dropped.length > 0) await callRedis(() => this.#redis.hdel(key, ...dropped));
  }

  async list(scope: string, memberId: string): Promise<ProgressEntry[]> {
    return boundedProgress(await this.#read(progressKey(this.#prefix, scope, memberId)));
  }

  async delete(scope: string, memberId: string): Promise<number> {
    const key = progressKey(this.#prefix, scope, memberId);
    const result = await callRedis(() => this.#redis.multi().hlen(key).unlink(key).exec());
    return Number(result?.[0]?.[1] ?? 0);
  }

  dropOlderThan(scope: string, cutoff: number, now: number): Promise<number> {
    const pattern = progressKey(this.#prefix, escapeGlob(scope), "*");
    return dropDatedFields(this.#redis, pattern, cutoff, now, (_key, _field, value) => {
      try {
        return ProgressEntrySchema.shape.finishedAt.parse(JSON.parse(value).finishedAt);
      } catch {
        return null;
      }
    });
  }

  /** Entries that no longer parse (hand edits) are skipped rather than failing the whole chart. */
  async #read(key: string): Promise<ProgressEntry[]> {
    const fields = await callRedis(() => this.#redis.hvals(key));
    const entries: ProgressEntry[] = [];
    for (const value of fields) {
      try {
        const parsed = ProgressEntrySchema.safeParse(JSON.parse(value));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // Not JSON: skipped, as above.
      }
    }
    return entries;
  }
}
