import type { Writable } from "node:stream";
import { ConfigError } from "../core/model/errors.ts";
import type { Runtime } from "../runtime.ts";

export const ROTATE_KEY_USAGE = `Usage: secondround rotate-key
Seals every interview value in Redis that an older key sealed with the first key of
SECONDROUND_ENCRYPTION_KEYS. Rotate by putting a new key first and keeping the old ones after it,
restart the bots, run this, then remove the old keys it reports as retired (docs/privacy.md).
Interviews carry on while it runs; run it again if it reports values left.`;

/** `secondround rotate-key`: re-seals what older keys sealed, and says which keys may go. */
export async function rotateKeyCommand(runtime: Runtime, output: Writable): Promise<number> {
  if (runtime.storage.kind !== "redis")
    throw new ConfigError("rotate-key works on the interviews in Redis: set REDIS_URL (see .env.example).");
  await runtime.storage.store.checkEncryptionKeys();
  const { resealed, remaining, retired } = await runtime.storage.store.resealAll();
  output.write(`Sealed ${resealed} value${resealed === 1 ? "" : "s"} again with the current key.\n`);
  if (remaining > 0) {
    output.write(`${remaining} changed while this ran and still use an older key: run rotate-key again.\n`);
    return 1;
  }
  output.write(
    retired.length > 0
      ? `No value uses ${retired.map((id) => `"${id}"`).join(", ")} any more: remove it from SECONDROUND_ENCRYPTION_KEYS.\n`
      : "Every value uses the current key.\n",
  );
  return 0;
}
