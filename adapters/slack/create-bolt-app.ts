import { App, type AppOptions, type InstallationStore, webApi } from "@slack/bolt";
import { ConfigError } from "../../src/core/model/errors.ts";
import { type Metrics, NO_METRICS } from "../../src/core/ports/metrics.ts";
import type { Logger } from "../../src/core/ports/ports.ts";
import { boltLogger } from "./bolt-logger.ts";
import { meteredSlackFetch } from "./metered-fetch.ts";
import { BOT_SCOPES } from "./scopes.ts";

export interface SlackBotOptions {
  /** Verifies every HTTP request came from Slack. Required in HTTP mode. */
  readonly signingSecret?: string | undefined;
  /** Single-workspace install (`xoxb-…`). */
  readonly botToken?: string | undefined;
  /** Socket Mode (`xapp-…`, connections:write): no public URL needed. */
  readonly appToken?: string | undefined;
  /** Multi-workspace installs through /slack/install; tokens kept encrypted in the SecretStore. */
  readonly oauth?:
    | { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string }
    | undefined;
  /** Another Web API base ending in "/api/" (a proxy, the local emulator); slack.com when unset. */
  readonly apiUrl?: string | undefined;
  /** Members of these user groups (`S…`) may use `/interview admin`, as workspace admins and owners may. */
  readonly adminUsergroupIds?: readonly string[] | undefined;
  /** HTTP port for events, commands, interactivity and OAuth (in Socket Mode: OAuth only). */
  readonly port: number;
  /** Interface to listen on; every interface when unset. */
  readonly host?: string | undefined;
  /** Web API retries (429s wait for Retry-After); about five minutes by default. */
  readonly retryConfig?: webApi.RetryOptions | undefined;
  /** Per-request timeout of Web API calls, 10 s by default (the client's own default is none). */
  readonly requestTimeoutMs?: number | undefined;
}

/** Long enough for Slack on a bad day, short enough that an interview turn is not held for minutes. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export function checkSlackBotOptions(options: SlackBotOptions): void {
  if (!options.botToken && !options.oauth)
    throw new ConfigError(
      "Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET (OAuth installs).",
    );
  if (!options.appToken && !options.signingSecret)
    throw new ConfigError("Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode).");
}

/** Every Web API client of the app: retries, timeout, API base, and its answers counted (metered-fetch.ts). */
export function webClientOptions(
  options: SlackBotOptions,
  metrics: Metrics = NO_METRICS,
): webApi.WebClientOptions {
  return {
    fetch: meteredSlackFetch(metrics),
    retryConfig: options.retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes,
    timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
  };
}

/**
 * Bolt hands its Web API options to the Socket Mode client too, replacing that client's own policy
 * for `apps.connections.open` (100 quick retries). With five retries in five minutes a longer Slack
 * outage would leave the process without a connection until restarted, so reconnecting keeps the
 * Socket Mode client's persistent policy.
 */
function socketModeInstallerOptions(
  options: SlackBotOptions,
  metrics: Metrics,
): NonNullable<AppOptions["installerOptions"]> {
  return {
    clientOptions: {
      ...webClientOptions(options, metrics),
      retryConfig: options.retryConfig ?? { retries: 100, factor: 1.3 },
    },
  };
}

/**
 * The Bolt app for the chosen receiver and install mode:
 * - HTTP (default): Bolt's HTTPReceiver verifies signatures and acknowledges events before the
 *   listeners run; commands, actions and submissions are acknowledged by our listeners at once.
 * - Socket Mode when an app token is set (outbound WebSocket, no public URL).
 * - One workspace with a bot token, or OAuth installs (Bolt's /slack/install and
 *   /slack/oauth_redirect) with the encrypted installation store.
 * Initialisation (auth.test for a bot token) is deferred to `init()`, called by SlackBot.start.
 */
export function createBoltApp(
  options: SlackBotOptions,
  logger: Logger,
  installationStore: InstallationStore | undefined,
  metrics: Metrics = NO_METRICS,
): App {
  checkSlackBotOptions(options);
  const common: AppOptions = {
    logger: boltLogger(logger),
    clientOptions: webClientOptions(options, metrics),
    deferInitialization: true,
    processBeforeResponse: false,
    // The error handler gets the request's body, so a request from a workspace without a readable
    // install can still be answered through its response_url (not-installed.ts).
    extendedErrorHandler: true,
    ...(options.appToken
      ? {
          socketMode: true,
          appToken: options.appToken,
          installerOptions: socketModeInstallerOptions(options, metrics),
        }
      : { signingSecret: options.signingSecret }),
  };
  if (options.oauth) {
    return new App({
      ...common,
      clientId: options.oauth.clientId,
      clientSecret: options.oauth.clientSecret,
      stateSecret: options.oauth.stateSecret,
      scopes: [...BOT_SCOPES],
      installationStore,
      installerOptions: {
        ...common.installerOptions,
        // /slack/install goes straight to Slack's consent page; the state cookie guards the callback.
        directInstall: true,
        ...(options.appToken ? { port: options.port } : {}),
      },
    });
  }
  return new App({ ...common, token: options.botToken });
}
