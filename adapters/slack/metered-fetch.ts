import type { webApi } from "@slack/bolt";
import type { Metrics } from "../../src/core/ports/metrics.ts";

const TOO_MANY_REQUESTS = 429;

/**
 * The Web API client's fetch, counting Slack's answers for operation: a 429 as a rate limit;
 * another HTTP error, a network failure or an `ok: false` reply (channel_not_found, not_in_channel
 * and the like, sent with status 200) as an API error. Every WebClient of the app uses it, Bolt's
 * listener clients included, so no call goes uncounted. The reply is read from a copy, off the
 * caller's path; the client reads the original as before.
 */
export function meteredSlackFetch(metrics: Metrics): webApi.FetchFunction {
  return async (url, init) => {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      metrics.platformApiFailed("slack");
      throw error;
    }
    if (response.status === TOO_MANY_REQUESTS) metrics.platformRateLimited("slack");
    else if (!response.ok) metrics.platformApiFailed("slack");
    else if (response.headers.get("content-type")?.includes("json")) {
      response
        .clone()
        .json()
        .then(
          (body: unknown) => {
            if (isRefusal(body)) metrics.platformApiFailed("slack");
          },
          () => {},
        );
    }
    return response;
  };
}

function isRefusal(body: unknown): boolean {
  return typeof body === "object" && body !== null && (body as { ok?: unknown }).ok === false;
}
