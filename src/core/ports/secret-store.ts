import { z } from "zod";

/**
 * `<scope>/<name>`, e.g. "slack:T0123/install". The scope is the community the secret belongs to
 * (the same string the interview desk uses), so erasing a community also erases its secrets; the
 * name says which secret it is.
 */
export type SecretKey = `${string}/${string}`;

/** A scope without "/" or Redis hash-tag braces, then a name without braces. */
export const SecretKeySchema = z.string().regex(/^[^/{}\s]+\/[^{}\s]+$/, "expected <scope>/<name>");

export function secretKey(scope: string, name: string): SecretKey {
  return SecretKeySchema.parse(`${scope}/${name}`) as SecretKey;
}

/** The scope and name of a key; throws for a malformed key (a programming error, not bad input). */
export function splitSecretKey(key: string): { scope: string; name: string } {
  const parsed = SecretKeySchema.parse(key);
  const slash = parsed.indexOf("/");
  return { scope: parsed.slice(0, slash), name: parsed.slice(slash + 1) };
}

/**
 * Small per-community secrets, such as a Slack workspace's bot token. Implementations encrypt
 * values at rest; a value that cannot be read back (wrong key, tampering) is reported as missing
 * rather than thrown, so one damaged entry cannot take the bot down.
 */
export interface SecretStore {
  get(key: SecretKey): Promise<string | null>;
  put(key: SecretKey, value: string): Promise<void>;
  delete(key: SecretKey): Promise<void>;
  /** Deletes every secret whose key starts with `prefix` (e.g. "slack:T0123/"); returns how many. */
  deletePrefix?(prefix: string): Promise<number>;
}
