import { companyLookupKey, type RoundOneLog, RoundOneLogSchema } from "../core/model/round-one-log.ts";
import type { RoundOneLogStore } from "../core/ports/round-one-log-store.ts";
import { callRedis } from "./call-redis.ts";
import { type RetentionPeriodOf, ttlInCommunity } from "./community-period-ttl.ts";
import { dropDatedFields } from "./drop-dated-fields.ts";
import { type FieldCipher, openText, sealText } from "./field-cipher.ts";
import type { RedisClient } from "./redis-connection.ts";
import { DEFAULT_ROUND_ONE_LOG_TTL_MS, logPlace, roundOneLogsKey } from "./round-one-log-keys.ts";
import { escapeGlob } from "./unlink-matching.ts";

export interface RedisRoundOneLogStoreConfig {
  readonly client: RedisClient;
  readonly keyPrefix?: string;
  readonly ttlMs?: number;
  /** Seals the candidate's notes at rest, as the session store seals answers (field-cipher.ts). */
  readonly cipher?: FieldCipher;
  /** The community's retention period, where shorter than the store's own TTL (settings). */
  readonly periodOf?: RetentionPeriodOf;
}

/**
 * One hash per member and community, a field per company holding the log as JSON. The key carries
 * the community's hash tag, so RedisCandidateDirectory.eraseScope removes it with the interviews.
 */
export class RedisRoundOneLogStore implements RoundOneLogStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #cipher: FieldCipher | undefined;
  readonly #periodOf: RetentionPeriodOf | undefined;

  constructor(config: RedisRoundOneLogStoreConfig) {
    this.#cipher = config.cipher;
    this.#redis = config.client;
    this.#prefix = config.keyPrefix ?? "sr";
    this.#ttlMs = config.ttlMs ?? DEFAULT_ROUND_ONE_LOG_TTL_MS;
    this.#periodOf = config.periodOf;
  }

  async put(scope: string, memberId: string, log: RoundOneLog): Promise<void> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    const field = companyLookupKey(log.company);
    const value = sealText(JSON.stringify(RoundOneLogSchema.parse(log)), logPlace(key, field), this.#cipher);
    const ttl = await ttlInCommunity(this.#ttlMs, this.#periodOf, scope);
    await callRedis(() => this.#redis.multi().hset(key, field, value).pexpire(key, ttl).exec());
  }

  async get(scope: string, memberId: string, company: string): Promise<RoundOneLog | null> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    const field = companyLookupKey(company);
    const raw = await callRedis(() => this.#redis.hget(key, field));
    return raw === null ? null : readLog(openText(raw, logPlace(key, field), this.#cipher));
  }

  async list(scope: string, memberId: string): Promise<RoundOneLog[]> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    const values = Object.entries(await callRedis(() => this.#redis.hgetall(key)));
    return values
      .flatMap(([field, raw]) => {
        const log = readLog(openText(raw, logPlace(key, field), this.#cipher));
        return log ? [log] : [];
      })
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async delete(scope: string, memberId: string, company: string): Promise<boolean> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    return (await callRedis(() => this.#redis.hdel(key, companyLookupKey(company)))) > 0;
  }

  dropOlderThan(scope: string, cutoff: number, now: number): Promise<number> {
    const pattern = roundOneLogsKey(this.#prefix, escapeGlob(scope), "*");
    return dropDatedFields(this.#redis, pattern, cutoff, now, dateOfLog(this.#cipher));
  }

  async deleteMember(scope: string, memberId: string): Promise<number> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    const result = await callRedis(() => this.#redis.multi().hlen(key).unlink(key).exec());
    return Number(result?.[0]?.[1] ?? 0);
  }
}

/** When a stored log was last changed; null when it cannot be opened or read. */
function dateOfLog(cipher: FieldCipher | undefined) {
  return (key: string, field: string, raw: string): number | null => {
    try {
      return readLog(openText(raw, logPlace(key, field), cipher))?.updatedAt ?? null;
    } catch {
      return null;
    }
  };
}

/** A stored log that no longer validates (a hand edit) is treated as absent, not as a crash. */
function readLog(raw: string): RoundOneLog | null {
  try {
    const parsed = RoundOneLogSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
