// Scripted REST faults (`failNext`): the next matching request(s) fail with the given status before any route runs.
// A 429 carries what @discordjs/rest needs to wait and retry by itself: `Retry-After` (seconds) plus Discord's body
// `{message, retry_after, global}` (rate-limits.mdx:32-57); discord.js retries 429s regardless of `rest.retries`.
import { DiscordHttpError } from "./errors.ts";
import type { FaultSpec } from "./types.ts";

const DEFAULT_MESSAGES: Record<number, string> = {
  400: "400: Bad Request",
  401: "401: Unauthorized",
  403: "Missing Permissions",
  404: "404: Not Found",
  429: "You are being rate limited.",
  500: "500: Internal Server Error",
  502: "502: Bad Gateway",
  503: "503: Service Unavailable",
};

export class FaultQueue {
  readonly #faults: { spec: FaultSpec; remaining: number }[] = [];

  add(spec: FaultSpec): void {
    this.#faults.push({ spec, remaining: spec.times ?? 1 });
  }

  /** The error for this request if a scripted fault matches it (consuming one use), else undefined. */
  take(method: string, path: string): DiscordHttpError | undefined {
    const index = this.#faults.findIndex(
      ({ spec }) =>
        (spec.method === undefined || spec.method.toUpperCase() === method) && spec.pathPattern.test(path),
    );
    const fault = this.#faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return toError(fault.spec);
  }
}

function toError(spec: FaultSpec): DiscordHttpError {
  const message = spec.message ?? DEFAULT_MESSAGES[spec.status] ?? `${spec.status}: Emulated fault`;
  const reason = `scripted fault ${spec.status}`;
  if (spec.status !== 429) {
    return new DiscordHttpError(spec.status, spec.code ?? 0, message, { reason });
  }
  const retryAfter = spec.retryAfter ?? 1;
  const global = spec.global ?? false;
  return new DiscordHttpError(429, spec.code ?? null, message, {
    reason,
    headers: {
      "retry-after": String(retryAfter),
      "x-ratelimit-scope": global ? "global" : "user",
      ...(global ? { "x-ratelimit-global": "true" } : {}),
    },
    extraBody: { retry_after: retryAfter, global },
  });
}
