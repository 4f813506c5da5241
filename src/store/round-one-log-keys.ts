import { hashFieldPlace, KEY_LAYOUT_VERSION } from "./store-keys.ts";

/**
 * A member's round-1 logs in one community: a hash, one field per company (companyLookupKey).
 * Under the community's hash tag (`{<scope>}`, as candidateKey), so erasing the community's keys
 * erases them too.
 */
export function roundOneLogsKey(prefix: string, scope: string, memberId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:round1:${memberId}`;
}

/**
 * Where a log is kept (its hash and company field), as the cipher's associated data: a log moved
 * to another member or company does not open.
 */
export function logPlace(key: string, field: string): string {
  return hashFieldPlace(key, field);
}

/**
 * Round-1 logs are kept far longer than interviews: a second round can come months after the
 * first. They expire a year after the member's last change to any of them.
 */
export const DEFAULT_ROUND_ONE_LOG_TTL_MS = 365 * 24 * 60 * 60_000;
