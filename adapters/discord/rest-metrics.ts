import { type Client, RESTEvents } from "discord.js";
import type { Metrics } from "../../src/core/ports/metrics.ts";

/** HTTP statuses Discord answers a request with when it failed (429 is counted as a rate limit instead). */
const FIRST_ERROR_STATUS = 400;
const TOO_MANY_REQUESTS = 429;

/**
 * Reports every Discord REST error answer and every time discord.js holds a request back for a
 * rate limit (a 429, or its own bucket running empty before Discord says so).
 */
export function reportDiscordRestMetrics(client: Client, metrics: Metrics): void {
  client.rest.on(RESTEvents.RateLimited, () => metrics.platformRateLimited("discord"));
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status >= FIRST_ERROR_STATUS && response.status !== TOO_MANY_REQUESTS)
      metrics.platformApiFailed("discord");
  });
}
