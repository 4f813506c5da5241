// Events API bodies are raw JSON. Everything except url_verification arrives wrapped in an `event_callback`
// envelope (`dist/types/events/index.d.ts` in @slack/bolt 5.1); retries repeat the same `event_id` and add
// `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` headers, and Bolt does not deduplicate them.
import { nextMessageTs, slackDefaults, slackId, unixSeconds } from "./ids.ts";
import { formRequest, type InboundRequest, jsonRequest, type RetryMarker } from "./inbound-request.ts";

export type EventCallbackOptions = {
  teamId?: string;
  apiAppId?: string;
  /** The bot user the `authorizations` entry names; Bolt reads the team from it. */
  botUserId?: string;
  /** Reuse one id across a delivery and its retries. */
  eventId?: string;
  eventTime?: number;
  enterpriseId?: string;
  retry?: RetryMarker;
  token?: string;
};

export function eventCallback(
  event: Record<string, unknown>,
  options: EventCallbackOptions = {},
): InboundRequest {
  const teamId = options.teamId ?? slackDefaults.teamId;
  const enterpriseId = options.enterpriseId ?? null;
  const body = {
    token: options.token ?? slackDefaults.verificationToken,
    team_id: teamId,
    enterprise_id: enterpriseId ?? undefined,
    api_app_id: options.apiAppId ?? slackDefaults.appId,
    event,
    type: "event_callback",
    event_id: options.eventId ?? slackId("Ev", 10),
    event_time: options.eventTime ?? unixSeconds(),
    authorizations: [
      {
        enterprise_id: enterpriseId,
        team_id: teamId,
        user_id: options.botUserId ?? slackDefaults.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: slackId("4-", 24),
  };
  return jsonRequest(body, options.retry);
}

/** Sent when the Request URL is saved; it is signed like any other request and Bolt answers `{challenge}`. */
export function urlVerification(
  challenge: string,
  token: string = slackDefaults.verificationToken,
): InboundRequest {
  return jsonRequest({ token, challenge, type: "url_verification" });
}

/** Slack's certificate probe for slash command URLs. Bolt skips signature verification for it. */
export function sslCheck(token: string = slackDefaults.verificationToken): InboundRequest {
  return formRequest({ ssl_check: "1", token });
}

/** Wrap with `eventCallback`. Bolt skips `authorize` for this event: the token is already gone. */
export function appUninstalledEvent(): Record<string, unknown> {
  return { type: "app_uninstalled", event_ts: nextMessageTs() };
}

/** Wrap with `eventCallback`; lists the user (`oauth`) and bot user ids whose tokens were revoked. */
export function tokensRevokedEvent(
  revoked: { bot?: string[]; oauth?: string[] } = {},
): Record<string, unknown> {
  return {
    type: "tokens_revoked",
    tokens: { oauth: revoked.oauth ?? [], bot: revoked.bot ?? [slackDefaults.botUserId] },
    event_ts: nextMessageTs(),
  };
}
