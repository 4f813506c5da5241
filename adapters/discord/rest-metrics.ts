import { DefaultRestOptions, type REST, RESTEvents, type RESTOptions } from "discord.js";
import type { Metrics } from "../../src/core/ports/metrics.ts";

const TOO_MANY_REQUESTS = 429;
const FIRST_ERROR_STATUS = 400;

/**
 * discord.js's own request function, counting Discord's answers for operation: a 429 as a rate
 * limit; another error status, or no answer at all, as an API error. Nothing else changes: the
 * REST client still retries, waits out limits and throws as before.
 */
export function meteredDiscordRequests(metrics: Metrics): RESTOptions["makeRequest"] {
  const send = DefaultRestOptions.makeRequest as RESTOptions["makeRequest"];
  return async (url, init) => {
    let response: Awaited<ReturnType<RESTOptions["makeRequest"]>>;
    try {
      response = await send(url, init);
    } catch (error) {
      metrics.platformApiFailed("discord");
      throw error;
    }
    if (response.status === TOO_MANY_REQUESTS) metrics.platformRateLimited("discord");
    else if (response.status >= FIRST_ERROR_STATUS) metrics.platformApiFailed("discord");
    return response;
  };
}

/** discord.js holding a request back before sending it, because its bucket is empty, counts as a rate limit too. */
export function reportDiscordRateLimitWaits(rest: REST, metrics: Metrics): void {
  rest.on(RESTEvents.RateLimited, () => metrics.platformRateLimited("discord"));
}
