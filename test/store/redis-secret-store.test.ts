import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/core/model/errors.ts";
import { secretKey } from "../../src/core/ports/secret-store.ts";
import { RedisSecretStore } from "../../src/store/redis-secret-store.ts";
import { countKeys, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("secrets");
const newKey = () => randomBytes(32).toString("base64");
const token = "xoxb-1234567890-abcdefghijklmnopqrstuvwx";

function recordingLogger() {
  const errors: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    errors,
    debug() {},
    info() {},
    warn() {},
    error(message: string, fields?: Record<string, unknown>) {
      errors.push({ message, ...(fields ? { fields } : {}) });
    },
  };
}

describe("RedisSecretStore", () => {
  it("round-trips a value and keeps it under the workspace's hash tag", async () => {
    const store = new RedisSecretStore({ client, keyPrefix, encryptionKey: newKey() });
    const key = secretKey("slack:T0ROUNDTRIP", "install");

    expect(await store.get(key)).toBeNull();
    await store.put(key, token);
    expect(await store.get(key)).toBe(token);
    expect(await client.exists(`${keyPrefix}:v1:{slack:T0ROUNDTRIP}:secret:install`)).toBe(1);
    // No TTL: an installation lasts until the workspace uninstalls the app.
    expect(await client.pttl(`${keyPrefix}:v1:{slack:T0ROUNDTRIP}:secret:install`)).toBe(-1);

    await store.delete(key);
    expect(await store.get(key)).toBeNull();
  });

  it("stores only ciphertext, with a fresh IV per write", async () => {
    const store = new RedisSecretStore({ client, keyPrefix, encryptionKey: newKey() });
    const key = secretKey("slack:T0CIPHER", "install");
    await store.put(key, token);
    const first = await client.getBuffer(`${keyPrefix}:v1:{slack:T0CIPHER}:secret:install`);
    await store.put(key, token);
    const second = await client.getBuffer(`${keyPrefix}:v1:{slack:T0CIPHER}:secret:install`);

    for (const stored of [first, second]) {
      expect(stored).not.toBeNull();
      expect(stored?.includes(Buffer.from(token))).toBe(false);
      expect(stored?.includes(Buffer.from("xoxb-"))).toBe(false);
      expect(stored?.toString("base64")).not.toContain(Buffer.from(token).toString("base64"));
      // Version byte + 12-byte IV + 16-byte tag + as many bytes as the plaintext.
      expect(stored?.length).toBe(1 + 12 + 16 + Buffer.byteLength(token));
    }
    expect(first?.equals(second ?? Buffer.alloc(0))).toBe(false);
  });

  it("cannot decrypt with another key: reported as missing and logged, never thrown", async () => {
    const key = secretKey("slack:T0WRONGKEY", "install");
    await new RedisSecretStore({ client, keyPrefix, encryptionKey: newKey() }).put(key, token);
    const logger = recordingLogger();
    const other = new RedisSecretStore({ client, keyPrefix, encryptionKey: newKey(), logger });

    expect(await other.get(key)).toBeNull();
    // Every request of the workspace reads it again; the log says it once.
    expect(await other.get(key)).toBeNull();
    expect(logger.errors).toHaveLength(1);
    expect(JSON.stringify(logger.errors)).not.toContain(token);
  });

  it("rejects tampered ciphertext, a truncated value and a value moved to another workspace's key", async () => {
    const encryptionKey = newKey();
    const logger = recordingLogger();
    const store = new RedisSecretStore({ client, keyPrefix, encryptionKey, logger });
    const key = secretKey("slack:T0TAMPER", "install");
    const redisKey = `${keyPrefix}:v1:{slack:T0TAMPER}:secret:install`;
    await store.put(key, token);
    const original = (await client.getBuffer(redisKey)) ?? Buffer.alloc(0);

    const flipped = Buffer.from(original);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0x01;
    await client.set(redisKey, flipped);
    expect(await store.get(key)).toBeNull();

    await client.set(redisKey, original.subarray(0, 10));
    expect(await store.get(key)).toBeNull();

    // The key is authenticated data: a valid value copied under another team's key does not decrypt.
    await client.set(`${keyPrefix}:v1:{slack:T0VICTIM}:secret:install`, original);
    expect(await store.get(secretKey("slack:T0VICTIM", "install"))).toBeNull();

    await client.set(redisKey, original);
    expect(await store.get(key)).toBe(token);
    expect(logger.errors).toHaveLength(3);
  });

  it("deletes every secret of a scope by prefix, and only that scope", async () => {
    const store = new RedisSecretStore({ client, keyPrefix, encryptionKey: newKey() });
    await store.put(secretKey("slack:T0ERASE", "install"), "a");
    await store.put(secretKey("slack:T0ERASE", "refresh"), "b");
    await store.put(secretKey("slack:T0KEEP", "install"), "c");

    expect(await store.deletePrefix("slack:T0ERASE/")).toBe(2);
    expect(await countKeys(client, `${keyPrefix}:v1:{slack:T0ERASE}:*`)).toBe(0);
    expect(await store.get(secretKey("slack:T0KEEP", "install"))).toBe("c");
  });

  it("refuses a key that is not 32 bytes and keys without a scope", async () => {
    expect(() => new RedisSecretStore({ client, encryptionKey: randomBytes(16).toString("base64") })).toThrow(
      ConfigError,
    );
    expect(() => secretKey("slack:{T0}", "install")).toThrow();
    expect(() => secretKey("", "install")).toThrow();
  });
});
