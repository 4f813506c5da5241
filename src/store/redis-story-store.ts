import { type Story, StorySchema } from "../core/model/story.ts";
import { STORY_BANK_RETENTION_MS, type StoryStore } from "../core/ports/story-store.ts";
import { callRedis } from "./call-redis.ts";
import { type RetentionPeriodOf, ttlInCommunity } from "./community-period-ttl.ts";
import { dropDatedFields } from "./drop-dated-fields.ts";
import { type FieldCipher, openText, sealText } from "./field-cipher.ts";
import type { RedisClient } from "./redis-connection.ts";
import { hashFieldPlace, storyBankKey } from "./store-keys.ts";
import { escapeGlob } from "./unlink-matching.ts";

export interface RedisStoryStoreConfig {
  readonly client: RedisClient;
  readonly keyPrefix?: string;
  readonly retentionMs?: number;
  /** Seals the stories at rest, as the session store seals answers (field-cipher.ts). */
  readonly cipher?: FieldCipher;
  /** The community's retention period, where shorter than the store's own TTL (settings). */
  readonly periodOf?: RetentionPeriodOf;
}

/**
 * One hash per member and community, a field per story id holding the story as JSON (sealed when
 * a key is configured, bound to its member and id). Every change refreshes the bank's TTL, so a
 * bank goes a year after its member last used it. The key carries the community's hash tag, so
 * erasing the community removes it with the interviews.
 */
export class RedisStoryStore implements StoryStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #retentionMs: number;
  readonly #cipher: FieldCipher | undefined;
  readonly #periodOf: RetentionPeriodOf | undefined;

  constructor(config: RedisStoryStoreConfig) {
    this.#redis = config.client;
    this.#prefix = config.keyPrefix ?? "sr";
    this.#retentionMs = config.retentionMs ?? STORY_BANK_RETENTION_MS;
    this.#cipher = config.cipher;
    this.#periodOf = config.periodOf;
  }

  async list(scope: string, memberId: string): Promise<Story[]> {
    const key = storyBankKey(this.#prefix, scope, memberId);
    const fields = Object.entries(await callRedis(() => this.#redis.hgetall(key)));
    return fields.flatMap(([id, stored]) => {
      const story = readStory(openText(stored, hashFieldPlace(key, id), this.#cipher));
      return story && story.id === id ? [story] : [];
    });
  }

  async put(scope: string, memberId: string, stories: readonly Story[]): Promise<void> {
    if (stories.length === 0) return;
    const key = storyBankKey(this.#prefix, scope, memberId);
    const values = stories.flatMap((story) => {
      const parsed = StorySchema.parse(story);
      return [parsed.id, sealText(JSON.stringify(parsed), hashFieldPlace(key, parsed.id), this.#cipher)];
    });
    const ttl = await ttlInCommunity(this.#retentionMs, this.#periodOf, scope);
    await callRedis(() =>
      this.#redis
        .multi()
        .hset(key, ...values)
        .pexpire(key, ttl)
        .exec(),
    );
  }

  async remove(scope: string, memberId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return callRedis(() => this.#redis.hdel(storyBankKey(this.#prefix, scope, memberId), ...ids));
  }

  dropOlderThan(scope: string, cutoff: number, now: number): Promise<number> {
    const pattern = storyBankKey(this.#prefix, escapeGlob(scope), "*");
    return dropDatedFields(this.#redis, pattern, cutoff, now, (key, id, stored) => {
      try {
        return readStory(openText(stored, hashFieldPlace(key, id), this.#cipher))?.updatedAt ?? null;
      } catch {
        return null;
      }
    });
  }

  async deleteAll(scope: string, memberId: string): Promise<number> {
    const key = storyBankKey(this.#prefix, scope, memberId);
    const result = await callRedis(() => this.#redis.multi().hlen(key).unlink(key).exec());
    return Number(result?.[0]?.[1] ?? 0);
  }
}

/** A stored story that no longer validates (a hand edit) is left out, not a crash. */
function readStory(raw: string): Story | null {
  try {
    const parsed = StorySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
