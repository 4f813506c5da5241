import type { Writable } from "node:stream";
import { ConfigError } from "../core/model/errors.ts";
import type { Runtime } from "../runtime.ts";
import { RedisSecretStore } from "../store/redis-secret-store.ts";

export const ROTATE_KEY_USAGE = `Usage: secondround rotate-key
Seals every interview value in Redis that an older key sealed with the first key of
SECONDROUND_ENCRYPTION_KEYS, and encrypts every stored Slack workspace token that an older key
encrypted with the first key of SLACK_TOKEN_ENCRYPTION_KEY. Rotate by putting a new key first and
keeping the old ones after it (comma-separated), restart the bots, run this, then remove the old
keys it reports as unused (docs/privacy.md). Interviews carry on while it runs; run it again if it
reports values left.`;

/** `secondround rotate-key`: re-seals what older keys sealed, and says which keys may go. */
export async function rotateKeyCommand(runtime: Runtime, output: Writable): Promise<number> {
  if (runtime.storage.kind !== "redis")
    throw new ConfigError("rotate-key works on the interviews in Redis: set REDIS_URL (see .env.example).");
  const store = runtime.storage.store;
  const tokenKey = runtime.config.slack?.oauth?.encryptionKey;
  if (!store.cipher && !tokenKey)
    throw new ConfigError(
      "rotate-key seals stored values with the first key of SECONDROUND_ENCRYPTION_KEYS (and Slack tokens with the first of SLACK_TOKEN_ENCRYPTION_KEY): set one (see docs/privacy.md).",
    );
  let exitCode = 0;
  if (store.cipher) {
    await store.checkEncryptionKeys();
    const { resealed, remaining, retired } = await store.resealAll();
    output.write(`Sealed ${resealed} value${resealed === 1 ? "" : "s"} again with the current key.\n`);
    if (remaining > 0) {
      output.write(`${remaining} changed while this ran and still use an older key: run rotate-key again.\n`);
      exitCode = 1;
    } else
      output.write(
        retired.length > 0
          ? `No value uses ${retired.map((id) => `"${id}"`).join(", ")} any more: remove it from SECONDROUND_ENCRYPTION_KEYS.\n`
          : "Every value uses the current key.\n",
      );
  }
  if (tokenKey) {
    const secrets = new RedisSecretStore({
      client: store.client,
      encryptionKey: tokenKey,
      keyPrefix: runtime.config.keyPrefix,
    });
    const { reencrypted, remaining, unreadable } = await secrets.reencryptAll();
    output.write(
      `Encrypted ${reencrypted} Slack workspace token${reencrypted === 1 ? "" : "s"} again with the first SLACK_TOKEN_ENCRYPTION_KEY.\n`,
    );
    if (unreadable > 0)
      output.write(
        `${unreadable} stored token${unreadable === 1 ? "" : "s"} no configured key decrypts: those workspaces must install the app again.\n`,
      );
    if (remaining > 0) {
      output.write(`${remaining} changed while this ran: run rotate-key again.\n`);
      exitCode = 1;
    } else if (tokenKey.includes(","))
      output.write(
        "Every readable token uses the first key: the other SLACK_TOKEN_ENCRYPTION_KEY keys may go.\n",
      );
  }
  return exitCode;
}
