import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { ConfigError } from "../core/model/errors.ts";
import type { Logger } from "../core/ports/ports.ts";
import { type SecretKey, type SecretStore, splitSecretKey } from "../core/ports/secret-store.ts";
import { callRedis } from "./call-redis.ts";
import type { RedisClient } from "./redis-connection.ts";
import { scanKeys } from "./scan-keys.ts";
import { KEY_LAYOUT_VERSION } from "./store-keys.ts";
import { escapeGlob, unlinkMatching } from "./unlink-matching.ts";

/** First byte of every stored value: the layout below. A new layout (or key rotation) gets a new byte. */
const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Replaces a secret only if it still holds the value read. */
const REPLACE_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0
`;
/** Unreadable values reported by one process; each is logged once, not at every read. */
const MAX_REPORTED = 1_000;

export interface RedisSecretStoreConfig {
  readonly client: RedisClient;
  /**
   * 32 random bytes, base64 (SLACK_TOKEN_ENCRYPTION_KEY); while rotating, several comma-separated,
   * the newest first: it encrypts, the others still decrypt. Losing them makes every stored secret
   * unreadable.
   */
  readonly encryptionKey: string;
  /** Key namespace, "sr" by default, as for the sessions. */
  readonly keyPrefix?: string;
  /** Unreadable values are logged here (never their contents). */
  readonly logger?: Logger;
}

/**
 * Secrets in Redis, encrypted with AES-256-GCM: a random 12-byte IV per write and the 16-byte
 * authentication tag are stored with the ciphertext, and the Redis key is authenticated too, so a
 * value copied under another workspace's key does not decrypt. Redis itself (RDB, AOF, replicas)
 * only ever holds ciphertext.
 *
 * Keys are `<prefix>:v1:{<scope>}:secret:<name>`: the scope is the hash tag, so the secrets of a
 * workspace are matched by the same SCAN patterns that erase its interviews.
 */
export class RedisSecretStore implements SecretStore {
  readonly #redis: RedisClient;
  /** The newest key first: it encrypts; every key is tried to decrypt. */
  readonly #keys: readonly Buffer[];
  readonly #prefix: string;
  readonly #logger: Logger | undefined;
  /** Redis key → digest of the unreadable value last reported for it. */
  readonly #reported = new Map<string, string>();

  constructor(config: RedisSecretStoreConfig) {
    const keys = config.encryptionKey
      .split(",")
      .map((key) => key.trim())
      .filter((key) => key.length > 0)
      .map((key) => Buffer.from(key, "base64"));
    if (keys.length === 0 || keys.some((key) => key.length !== KEY_BYTES)) {
      throw new ConfigError("The token encryption key must be 32 bytes, base64-encoded.");
    }
    this.#redis = config.client;
    this.#keys = keys;
    this.#prefix = config.keyPrefix ?? "sr";
    this.#logger = config.logger;
  }

  async get(key: SecretKey): Promise<string | null> {
    const redisKey = this.#redisKey(key);
    const stored = await callRedis(() => this.#redis.getBuffer(redisKey));
    if (stored === null) return null;
    try {
      return this.#decrypt(stored, redisKey).plaintext;
    } catch (error) {
      // A wrong key or a damaged value: the secret is as good as missing (a reinstall replaces it).
      this.#reportOnce(redisKey, stored, error);
      return null;
    }
  }

  /** Logs an unreadable value once: every read of it would say the same, and requests keep coming. */
  #reportOnce(redisKey: string, stored: Buffer, error: unknown): void {
    const digest = createHash("sha256").update(stored).digest("base64");
    if (this.#reported.get(redisKey) === digest) return;
    if (this.#reported.size >= MAX_REPORTED) this.#reported.clear();
    this.#reported.set(redisKey, digest);
    this.#logger?.error("stored secret cannot be decrypted; treating it as missing", {
      key: redisKey,
      reason: error instanceof Error ? error.message : String(error),
    });
  }

  async put(key: SecretKey, value: string): Promise<void> {
    const redisKey = this.#redisKey(key);
    const encrypted = this.#encrypt(value, redisKey);
    await callRedis(() => this.#redis.set(redisKey, encrypted));
  }

  async delete(key: SecretKey): Promise<void> {
    const redisKey = this.#redisKey(key);
    await callRedis(() => this.#redis.del(redisKey));
  }

  async deletePrefix(prefix: string): Promise<number> {
    const slash = prefix.indexOf("/");
    if (slash <= 0) throw new Error(`A secret prefix names a scope first: "<scope>/…", got "${prefix}"`);
    const scope = prefix.slice(0, slash);
    const namePrefix = prefix.slice(slash + 1);
    const pattern = `${this.#scopePrefix(escapeGlob(scope))}${escapeGlob(namePrefix)}*`;
    return unlinkMatching(this.#redis, pattern);
  }

  /**
   * `secondround rotate-key`: encrypts again with the newest key every secret an older key
   * encrypted, each replaced only if unchanged since it was read (an install may rewrite it).
   * Values no key decrypts are left alone and counted.
   */
  async reencryptAll(): Promise<{ reencrypted: number; remaining: number; unreadable: number }> {
    let reencrypted = 0;
    let remaining = 0;
    let unreadable = 0;
    for await (const keys of scanKeys(this.#redis, `${this.#scopePrefix("*")}*`)) {
      for (const redisKey of keys) {
        const stored = await callRedis(() => this.#redis.getBuffer(redisKey));
        if (stored === null) continue;
        let opened: { plaintext: string; keyIndex: number };
        try {
          opened = this.#decrypt(stored, redisKey);
        } catch {
          unreadable += 1;
          continue;
        }
        if (opened.keyIndex === 0) continue;
        const fresh = this.#encrypt(opened.plaintext, redisKey);
        const replaced = await callRedis(() =>
          this.#redis.eval(REPLACE_IF_UNCHANGED, 1, redisKey, stored, fresh),
        );
        if (replaced === 1) reencrypted += 1;
        else remaining += 1;
      }
    }
    return { reencrypted, remaining, unreadable };
  }

  #redisKey(key: SecretKey): string {
    const { scope, name } = splitSecretKey(key);
    return `${this.#scopePrefix(scope)}${name}`;
  }

  #scopePrefix(scope: string): string {
    return `${this.#prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:secret:`;
  }

  #encrypt(plaintext: string, redisKey: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#keys[0] as Buffer, iv);
    cipher.setAAD(Buffer.from(redisKey, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), ciphertext]);
  }

  /** The plaintext and which key opened it (0: the newest); throws when none does. */
  #decrypt(stored: Buffer, redisKey: string): { plaintext: string; keyIndex: number } {
    if (stored.length < 1 + IV_BYTES + TAG_BYTES || stored[0] !== FORMAT_V1) {
      throw new Error("unknown format");
    }
    const iv = stored.subarray(1, 1 + IV_BYTES);
    const tag = stored.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const ciphertext = stored.subarray(1 + IV_BYTES + TAG_BYTES);
    for (const [keyIndex, key] of this.#keys.entries()) {
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, iv);
        decipher.setAAD(Buffer.from(redisKey, "utf8"));
        decipher.setAuthTag(tag);
        const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
        return { plaintext, keyIndex };
      } catch {
        // Not this key: an older one may have encrypted it.
      }
    }
    throw new Error("no configured key decrypts it (altered, or encrypted with a key no longer configured)");
  }
}
