import { companyLookupKey, type RoundOneLog, RoundOneLogSchema } from "../core/model/round-one-log.ts";
import type { RoundOneLogStore } from "../core/ports/round-one-log-store.ts";
import { callRedis } from "./call-redis.ts";
import type { RedisClient } from "./redis-connection.ts";
import { DEFAULT_ROUND_ONE_LOG_TTL_MS, roundOneLogsKey } from "./round-one-log-keys.ts";

export interface RedisRoundOneLogStoreConfig {
  readonly client: RedisClient;
  readonly keyPrefix?: string;
  readonly ttlMs?: number;
}

/**
 * One hash per member and community, a field per company holding the log as JSON. The key carries
 * the community's hash tag, so RedisCandidateDirectory.eraseScope removes it with the interviews.
 */
export class RedisRoundOneLogStore implements RoundOneLogStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #ttlMs: number;

  constructor(config: RedisRoundOneLogStoreConfig) {
    this.#redis = config.client;
    this.#prefix = config.keyPrefix ?? "sr";
    this.#ttlMs = config.ttlMs ?? DEFAULT_ROUND_ONE_LOG_TTL_MS;
  }

  async put(scope: string, memberId: string, log: RoundOneLog): Promise<void> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    const value = JSON.stringify(RoundOneLogSchema.parse(log));
    await callRedis(() =>
      this.#redis.multi().hset(key, companyLookupKey(log.company), value).pexpire(key, this.#ttlMs).exec(),
    );
  }

  async get(scope: string, memberId: string, company: string): Promise<RoundOneLog | null> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    const raw = await callRedis(() => this.#redis.hget(key, companyLookupKey(company)));
    return raw === null ? null : readLog(raw);
  }

  async list(scope: string, memberId: string): Promise<RoundOneLog[]> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    const values = Object.values(await callRedis(() => this.#redis.hgetall(key)));
    return values
      .flatMap((raw) => {
        const log = readLog(raw);
        return log ? [log] : [];
      })
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async delete(scope: string, memberId: string, company: string): Promise<boolean> {
    const key = roundOneLogsKey(this.#prefix, scope, memberId);
    return (await callRedis(() => this.#redis.hdel(key, companyLookupKey(company)))) > 0;
  }
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
