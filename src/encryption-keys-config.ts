import { ConfigError } from "./core/model/errors.ts";
import { type EncryptionKey, KEY_BYTES } from "./store/field-cipher.ts";

const KEY_ID = /^[a-z0-9][a-z0-9-]{0,15}$/;
/**
 * 32 random bytes show about 30 distinct values; fewer than this is a typed or patterned key
 * (all "A", a repeated word), not a random one.
 */
const MIN_DISTINCT_BYTES = 20;

/**
 * SECONDROUND_ENCRYPTION_KEYS: `id:base64` entries separated by commas, the first sealing new
 * values, the others still opening what they sealed (rotation). Each key is 32 random bytes
 * (`openssl rand -base64 32`); a short, long or patterned key is refused with the reason.
 */
export function parseEncryptionKeys(value: string | undefined): readonly EncryptionKey[] | undefined {
  if (value === undefined) return undefined;
  const keys = value.split(",").map((entry, index) => parseEntry(entry.trim(), index + 1));
  const ids = keys.map((key) => key.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new ConfigError(`SECONDROUND_ENCRYPTION_KEYS names key "${repeated}" twice.`);
  return keys;
}

function parseEntry(entry: string, position: number): EncryptionKey {
  const colon = entry.indexOf(":");
  const id = colon < 0 ? "" : entry.slice(0, colon);
  const where = `SECONDROUND_ENCRYPTION_KEYS entry ${position}`;
  if (!KEY_ID.test(id))
    throw new ConfigError(
      `${where} must be "id:base64-key" with an id of lowercase letters, digits and dashes (e.g. "k2026:…").`,
    );
  const encoded = entry.slice(colon + 1);
  const key = Buffer.from(encoded, "base64");
  if (key.length !== KEY_BYTES || key.toString("base64") !== encoded)
    throw new ConfigError(
      `${where} ("${id}") must be ${KEY_BYTES} bytes, base64-encoded (openssl rand -base64 32).`,
    );
  if (!isRandomEnough(key))
    throw new ConfigError(`${where} ("${id}") is not random enough; make one with openssl rand -base64 32.`);
  return { id, key };
}

/** A key with fewer distinct bytes than random ones have is typed or patterned, not random. */
export function isRandomEnough(key: Buffer): boolean {
  return new Set(key).size >= MIN_DISTINCT_BYTES;
}
