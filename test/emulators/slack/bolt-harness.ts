// Runs a real Bolt App (default HTTPReceiver on 127.0.0.1, a free port) against the emulator, with the settings
// every test needs: no retries or hangs if the fake misbehaves, and a logger that records instead of printing.
import type { AddressInfo } from "node:net";
import { App, type AppOptions, type Logger, LogLevel } from "@slack/bolt";
import { slackDefaults } from "./ids.ts";
import type { InboundRequest } from "./inbound-request.ts";
import { type AppResponse, sendToApp } from "./send-to-app.ts";
import { type SignOptions, signSlackRequest } from "./sign-slack-request.ts";
import type { SlackWebApiEmulator } from "./slack-web-api-emulator.ts";

export type RecordingLogger = Logger & { readonly lines: string[] };

/** Keeps Bolt's and WebClient's log lines (`"warn …"`) for assertions; prints nothing. */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  let level = LogLevel.DEBUG;
  const write =
    (label: string) =>
    (...message: unknown[]): void => {
      lines.push(`${label} ${message.map(String).join(" ")}`);
    };
  return {
    lines,
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export type BoltHarness = {
  app: App;
  /** `http://127.0.0.1:<port>/slack/events`: commands, events and interactivity share Bolt's one endpoint. */
  url: string;
  logger: RecordingLogger;
  /** Signs with the app's secret (plus any tampering) and POSTs; unsigned requests go through `sendToApp`. */
  send(
    request: InboundRequest,
    tamper?: Omit<SignOptions, "signingSecret"> & { signingSecret?: string },
  ): Promise<AppResponse>;
  stop(): Promise<void>;
};

export type BoltHarnessOptions = {
  emulator: SlackWebApiEmulator;
  signingSecret: string;
  /** Registers listeners before the receiver starts. */
  register: (app: App) => void;
  token?: string;
  /** Merged last, e.g. `{ ignoreSelf: false }`. */
  appOptions?: Partial<AppOptions>;
};

/**
 * The emulator must already be listening: with `token` and without both `botId` and `botUserId`, the App
 * constructor itself calls auth.test (once, cached for every later request); a refused connection there
 * surfaces later as an unhandled rejection.
 */
export async function startBoltApp(options: BoltHarnessOptions): Promise<BoltHarness> {
  const logger = recordingLogger();
  const app = new App({
    signingSecret: options.signingSecret,
    token: options.token ?? slackDefaults.botToken,
    logger,
    processBeforeResponse: false,
    clientOptions: { slackApiUrl: options.emulator.apiUrl, retryConfig: { retries: 0 }, timeout: 2000 },
    ...options.appOptions,
  });
  options.register(app);
  const server = await app.start({ port: 0, host: "127.0.0.1" });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/slack/events`;
  return {
    app,
    url,
    logger,
    send: (request, tamper = {}) =>
      sendToApp(url, signSlackRequest(request, { signingSecret: options.signingSecret, ...tamper })),
    async stop() {
      server.closeAllConnections();
      await app.stop();
    },
  };
}
