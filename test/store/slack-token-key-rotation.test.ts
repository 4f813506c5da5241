import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { secretKey } from "../../src/core/ports/secret-store.ts";
import { RedisSecretStore } from "../../src/store/redis-secret-store.ts";
import { runCli } from "../support/cli-process.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const newKey = () => randomBytes(32).toString("base64");
const TOKEN = "xoxb-1111-2222-rotation-token";

describe("rotating SLACK_TOKEN_ENCRYPTION_KEY", () => {
  it("reads tokens under the old key while a new one is first, and rotate-key moves them to the new key", async () => {
    const keyPrefix = uniquePrefix("token-rotation");
    const [oldKey, newer, lost] = [newKey(), newKey(), newKey()];
    await new RedisSecretStore({ client, keyPrefix, encryptionKey: oldKey }).put(
      secretKey("slack:T0OLD", "install"),
      TOKEN,
    );
    // A token no configured key opens (its key was lost): counted, left alone.
    await new RedisSecretStore({ client, keyPrefix, encryptionKey: lost }).put(
      secretKey("slack:T0LOST", "install"),
      TOKEN,
    );
    const both = new RedisSecretStore({ client, keyPrefix, encryptionKey: `${newer},${oldKey}` });
    expect(await both.get(secretKey("slack:T0OLD", "install"))).toBe(TOKEN);
    // New writes use the first key.
    await both.put(secretKey("slack:T0NEW", "install"), TOKEN);
    expect(
      await new RedisSecretStore({ client, keyPrefix, encryptionKey: newer }).get(
        secretKey("slack:T0NEW", "install"),
      ),
    ).toBe(TOKEN);

    const result = await runCli(["rotate-key"], "", {
      REDIS_URL: redisUrl(),
      SECONDROUND_KEY_PREFIX: keyPrefix,
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "state-secret",
      SLACK_SIGNING_SECRET: "signing-secret",
      SLACK_TOKEN_ENCRYPTION_KEY: `${newer},${oldKey}`,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(
      /Encrypted 1 Slack workspace token again with the first SLACK_TOKEN_ENCRYPTION_KEY/,
    );
    expect(result.stdout).toMatch(/1 stored token no configured key decrypts/);
    expect(result.code).toBe(0);

    const onlyNew = new RedisSecretStore({ client, keyPrefix, encryptionKey: newer });
    expect(await onlyNew.get(secretKey("slack:T0OLD", "install"))).toBe(TOKEN);
    expect(
      await new RedisSecretStore({ client, keyPrefix, encryptionKey: oldKey }).get(
        secretKey("slack:T0OLD", "install"),
      ),
    ).toBeNull();
    // Running it again has nothing left to do.
    expect(await onlyNew.reencryptAll()).toEqual({ reencrypted: 0, remaining: 0, unreadable: 1 });
  });

  it("refuses a list with a short or patterned key, naming the variable", () => {
    const env = {
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "state-secret",
      SLACK_SIGNING_SECRET: "signing-secret",
    };
    expect(() => loadConfig({ ...env, SLACK_TOKEN_ENCRYPTION_KEY: `${newKey()},${"A".repeat(44)}` })).toThrow(
      /not random enough.*SLACK_TOKEN_ENCRYPTION_KEY/s,
    );
    expect(() => loadConfig({ ...env, SLACK_TOKEN_ENCRYPTION_KEY: `${newKey()},c2hvcnQ=` })).toThrow(
      /32 bytes.*SLACK_TOKEN_ENCRYPTION_KEY/s,
    );
    expect(
      loadConfig({ ...env, SLACK_TOKEN_ENCRYPTION_KEY: `${newKey()}, ${newKey()}` }).slack?.oauth,
    ).toBeDefined();
  });
});
