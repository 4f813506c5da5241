import type { Result } from "ioredis";
import { ConfigError } from "../core/model/errors.ts";
import { callRedis } from "./call-redis.ts";
import {
  type FieldCipher,
  isSealed,
  openText,
  sealedKeyId,
  sealedTextKeyId,
  sealText,
} from "./field-cipher.ts";
import { resealQueuedEvent } from "./queued-event-codec.ts";
import type { RedisClient } from "./redis-connection.ts";
import { roundOneLogsKey } from "./round-one-log-keys.ts";
import { scanKeys } from "./scan-keys.ts";
import { fieldPlace } from "./session-codec.ts";
import {
  conversationOfSessionKey,
  encryptionKeyIdsKey,
  hashFieldPlace,
  inboxKey,
  sessionKey,
  storyBankKey,
} from "./store-keys.ts";

declare module "ioredis" {
  interface RedisCommander<Context> {
    secondroundReplaceField(...keysAndArgs: (string | Buffer)[]): Result<number, Context>;
    secondroundReplaceEntry(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

/** Replaces a hash field only if it still holds the value read (a commit may have rewritten it). */
const REPLACE_FIELD = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0
`;

/** Replaces an inbox entry only if it is still at that index (the inbox may have moved on). */
const REPLACE_ENTRY = `
if redis.call('LINDEX', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0
`;

export interface ResealOutcome {
  /** Values sealed again with the current key. */
  readonly resealed: number;
  /** Values still sealed with an older key (changed while being resealed): run it again. */
  readonly remaining: number;
  /** Older keys no value uses any more, which may now be removed from the configuration. */
  readonly retired: readonly string[];
}

/**
 * `secondround rotate-key`: seals every stored value that an older key sealed with the current
 * key, field by field, each replaced only if unchanged since it was read (interviews carry on
 * meanwhile; what they write is sealed with the current key anyway). When nothing older is left,
 * the older keys are retired from the deployment's record of keys in use.
 */
export async function resealAll(
  redis: RedisClient,
  prefix: string,
  cipher: FieldCipher,
): Promise<ResealOutcome> {
  redis.defineCommand("secondroundReplaceField", { numberOfKeys: 1, lua: REPLACE_FIELD });
  redis.defineCommand("secondroundReplaceEntry", { numberOfKeys: 1, lua: REPLACE_ENTRY });
  const current = cipher.currentKeyId;
  let resealed = 0;
  let remaining = 0;
  /** A replacement made, or refused because the value changed meanwhile (still under an older key). */
  const tally = (replaced: number) => {
    if (replaced === 1) resealed += 1;
    else remaining += 1;
  };
  for await (const keys of scanKeys(redis, sessionKey(prefix, "*"))) {
    for (const key of keys) {
      const conversation = conversationOfSessionKey(key);
      const fields = await callRedis(() => redis.hgetallBuffer(key));
      for (const [field, raw] of Object.entries(fields)) {
        if (!isSealed(raw) || sealedKeyId(raw) === current) continue;
        const place = fieldPlace(conversation, field);
        const fresh = cipher.seal(cipher.open(raw, place), place);
        tally(await callRedis(() => redis.secondroundReplaceField(key, field, raw, fresh)));
      }
      const inbox = inboxKey(prefix, conversation);
      const entries = await callRedis(() => redis.lrange(inbox, 0, -1));
      for (const [index, entry] of entries.entries()) {
        const fresh = resealQueuedEvent(entry, conversation, cipher);
        if (fresh === entry) continue;
        tally(await callRedis(() => redis.secondroundReplaceEntry(inbox, index, entry, fresh)));
      }
    }
  }
  // Round-1 logs and story banks: the candidate's notes and stories, sealed as text under their
  // hash and field (the company, the story id).
  for (const pattern of [roundOneLogsKey(prefix, "*", "*"), storyBankKey(prefix, "*", "*")]) {
    for await (const keys of scanKeys(redis, pattern)) {
      for (const key of keys) {
        const fields = await callRedis(() => redis.hgetall(key));
        for (const [field, stored] of Object.entries(fields)) {
          const keyId = sealedTextKeyId(stored);
          if (keyId === null || keyId === current) continue;
          const place = hashFieldPlace(key, field);
          const fresh = sealText(openText(stored, place, cipher), place, cipher);
          tally(await callRedis(() => redis.secondroundReplaceField(key, field, stored, fresh)));
        }
      }
    }
  }
  const registry = encryptionKeyIdsKey(prefix);
  const retired =
    remaining > 0 ? [] : (await callRedis(() => redis.smembers(registry))).filter((id) => id !== current);
  if (retired.length > 0) await callRedis(() => redis.srem(registry, ...retired));
  await callRedis(() => redis.sadd(registry, current));
  return { resealed, remaining, retired };
}

export function requireCipher(cipher: FieldCipher | undefined): FieldCipher {
  if (!cipher)
    throw new ConfigError(
      "rotate-key seals stored values with the first key of SECONDROUND_ENCRYPTION_KEYS: set it (see docs/privacy.md).",
    );
  return cipher;
}
