// A fake Slack on 127.0.0.1 and a free port: the Web API under `/api/` (point Bolt at it with
// `clientOptions: { slackApiUrl: emulator.apiUrl }`), private file URLs and response_urls. Every call is recorded,
// so tests assert on what the real @slack/web-api client actually sent rather than on our guesses.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { keepIdleConnectionsOpen } from "../shared/keep-alive.ts";
import { type DecodedCall, decodeCall, readBody } from "./api-request.ts";
import { apiError, sendJson, sendNotFound } from "./api-response.ts";
import { CallLog } from "./call-log.ts";
import { type FaultOptions, FaultQueue } from "./faults.ts";
import { type FileDownload, FileHost, type HostFileOptions } from "./file-hosting.ts";
import { FileUploads } from "./file-uploads.ts";
import { slackDefaults } from "./ids.ts";
import { MessageStore } from "./message-store.ts";
import type { EmulatorState, OAuthClient } from "./methods/context.ts";
import { authedMethods, publicMethods } from "./methods/table.ts";
import { OAuthCodes, type OAuthGrantOptions } from "./oauth-codes.ts";
import { RateLimits } from "./rate-limits.ts";
import { type CallHold, CallHolds, type HoldSpec } from "./response-holds.ts";
import { type ResponseUrlPost, ResponseUrls } from "./response-urls.ts";
import { TriggerRegistry } from "./triggers.ts";
import type {
  ApiResult,
  Channel,
  RecordedCall,
  SentMessage,
  SlackFile,
  SlackMessage,
  StoredView,
  User,
  Usergroup,
  Workspace,
} from "./types.ts";
import { ViewStore } from "./view-store.ts";
import {
  type ChannelOptions,
  type UsergroupOptions,
  type UserOptions,
  type WorkspaceOptions,
  WorkspaceRegistry,
} from "./workspaces.ts";

export type SlackWebApiEmulatorOptions = {
  /** The clock for trigger expiry and call times; inject one to expire triggers without sleeping. */
  now?: () => number;
  /** The app's OAuth credentials, checked by oauth.v2.access and apps.uninstall. */
  clientId?: string;
  clientSecret?: string;
  /**
   * Calls per minute per workspace for rate-limited methods, over Slack's own (`DEFAULT_RATE_LIMITS`:
   * usergroups.users.list 20). Past it a call answers 429 `ratelimited` with Retry-After.
   */
  rateLimits?: Record<string, number>;
};

export type UserMessageOptions = {
  text: string;
  channel?: string;
  user?: string;
  threadTs?: string;
  files?: SlackFile[];
  teamId?: string;
};

export type SlackWebApiEmulator = {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `${url}/api/`: the `slackApiUrl` for WebClient / Bolt `clientOptions`. */
  readonly apiUrl: string;
  readonly oauthClient: OAuthClient;
  /** Every Web API call in arrival order, failed and retried ones included. */
  readonly calls: readonly RecordedCall[];
  /** Every message the bot sent through chat.postMessage / chat.update / chat.postEphemeral. */
  readonly sent: readonly SentMessage[];
  readonly fileDownloads: readonly FileDownload[];
  readonly responseUrlPosts: readonly ResponseUrlPost[];
  callsTo(method: string): RecordedCall[];
  /** Resolves with the first truthy `check()`, re-checked after every call; rejects after `timeoutMs` (30 s). */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Top-level messages of a channel, or with `threadTs` the replies in that thread (root excluded). */
  messagesIn(channel: string, threadTs?: string): SlackMessage[];
  ephemeralsIn(channel: string): SlackMessage[];
  /** Seeds a message "from a user" (assigning its ts) so thread replies and conversations.replies have a root. */
  addUserMessage(options: UserMessageOptions): SlackMessage;
  /** Registers a team and its bot token (or another token for a known team). */
  addWorkspace(options: WorkspaceOptions): Workspace;
  workspace(teamId?: string): Workspace;
  addChannel(options: ChannelOptions): Channel;
  addUser(options: UserOptions): User;
  /** The app's DM with a user (`D…`), as it exists once the user has written to the app. */
  openDirectMessage(userId: string, teamId?: string): Channel;
  /** A user group of a team, served by usergroups.users.list. */
  addUsergroup(options: UsergroupOptions): Usergroup;
  setUsergroupMembers(id: string, users: string[], teamId?: string): void;
  /** A trigger_id views.open accepts once, within 3 s of issue on the emulator's clock. */
  issueTriggerId(): string;
  /** A loopback response_url whose POSTs land in `responseUrlPosts`. */
  issueResponseUrl(): string;
  /** An install code for oauth.v2.access, single use. */
  issueOAuthCode(options?: OAuthGrantOptions): string;
  hostFile(options: HostFileOptions): SlackFile;
  /** The bytes of a hosted file (one the bot uploaded, say), or undefined. */
  fileBytes(fileId: string): Buffer | undefined;
  view(viewId: string): StoredView | undefined;
  /** The next call(s) to `method` fail with `error`; `{status: 429, retryAfter}` for a rate limit. */
  failNext(method: string, error: string, options?: FaultOptions): void;
  /**
   * Holds every call matching `spec.match` until `release()`: "after" applies it and holds only the answer (a process
   * killed now has posted without knowing it), "before" holds it unapplied (dropped if the client goes away).
   * `arrived` resolves with the first call held.
   */
  holdCalls(spec: HoldSpec): CallHold;
  close(): Promise<void>;
};

function bearer(request: IncomingMessage): string | undefined {
  return request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

export async function startSlackWebApiEmulator(
  options: SlackWebApiEmulatorOptions = {},
): Promise<SlackWebApiEmulator> {
  const now = options.now ?? Date.now;
  const server = createServer();
  keepIdleConnectionsOpen(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const log = new CallLog();
  const faults = new FaultQueue();
  const holds = new CallHolds();
  const rateLimits = new RateLimits(now, options.rateLimits);
  const responseUrls = new ResponseUrls(origin, now);
  const state: EmulatorState = {
    workspaces: new WorkspaceRegistry(),
    messages: new MessageStore(),
    sent: [],
    triggers: new TriggerRegistry(now),
    views: new ViewStore(now),
    files: new FileHost(origin, now),
    uploads: new FileUploads(origin),
    oauthCodes: new OAuthCodes(),
    oauthClient: {
      clientId: options.clientId ?? "1111111111.2222222222",
      clientSecret: options.clientSecret ?? "emulated-client-secret",
    },
  };

  function dispatch(method: string, call: DecodedCall): ApiResult {
    if (call.error) return apiError(call.error);
    const open = publicMethods[method];
    if (open) return open({ args: call.args, basic: call.basic, state });
    const authed = authedMethods[method];
    if (!authed) return apiError("unknown_method", [], { req_method: method });
    const check = state.workspaces.check(call.token);
    if ("error" in check) return apiError(check.error);
    return authed({ args: call.args, token: call.token ?? "", workspace: check.workspace, state });
  }

  async function handleApi(method: string, request: IncomingMessage, response: ServerResponse, url: URL) {
    const call = await decodeCall(request, url);
    const recorded: RecordedCall = { method, token: call.token, args: call.args, at: now() };
    log.record(recorded);
    // A call held "before" whose client went away (a killed process) is never applied.
    const before = holds.find(recorded, "before");
    if (before && (await before.hold(recorded, response)) === "gone") return;
    const caller = state.workspaces.check(call.token);
    const fault =
      faults.take(method) ??
      rateLimits.take(method, "workspace" in caller ? caller.workspace.teamId : undefined);
    const status = fault?.status ?? 200;
    const result = fault ? apiError(fault.error) : dispatch(method, call);
    const headers: Record<string, string> =
      fault?.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
    recorded.response = result;
    recorded.status = status;
    const after = holds.find(recorded, "after");
    if (after && (await after.hold(recorded, response)) === "gone") return;
    sendJson(response, status, result, headers);
    log.changed();
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", origin);
    const path = url.pathname;
    if (path.startsWith("/api/")) {
      await handleApi(decodeURIComponent(path.slice("/api/".length)), request, response, url);
    } else if (request.method === "GET" && path.startsWith("/files-pri/")) {
      const token = bearer(request);
      const check = state.workspaces.check(token);
      state.files.serve(path, token, "workspace" in check ? check.workspace.teamId : undefined, response);
      log.changed();
    } else if (request.method === "POST" && path.startsWith("/upload/v1/")) {
      // Slack answers an upload with a plain-text "OK - <bytes>".
      const received = await state.uploads.receive(path, request);
      if (received === false) sendNotFound(response);
      else {
        response.writeHead(200, { "content-type": "text/plain" });
        response.end(`OK - ${received}`);
      }
      log.changed();
    } else if (request.method === "POST" && path.startsWith("/response-urls/")) {
      const raw = (await readBody(request)).toString("utf8");
      if (responseUrls.accept(`${origin}${path}`, raw)) sendJson(response, 200, { ok: true });
      else sendNotFound(response);
      log.changed();
    } else {
      sendNotFound(response);
    }
  }

  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      // An emulator bug must fail the test loudly (a 500 the client reports), not hang it.
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: `emulator_failure: ${String(error)}` });
      else response.destroy();
    });
  });

  return {
    url: origin,
    apiUrl: `${origin}/api/`,
    oauthClient: state.oauthClient,
    calls: log.calls,
    sent: state.sent,
    fileDownloads: state.files.downloads,
    responseUrlPosts: responseUrls.posts,
    callsTo: (method) => log.callsTo(method),
    waitFor: (check, timeoutMs) => log.waitFor(check, timeoutMs),
    messagesIn: (channel, threadTs) => state.messages.messagesIn(channel, threadTs),
    ephemeralsIn: (channel) => state.messages.ephemeralsIn(channel),
    addUserMessage(message) {
      const workspace = state.workspaces.get(message.teamId);
      return state.messages.add({
        channel: message.channel ?? slackDefaults.channelId,
        user: message.user ?? slackDefaults.userId,
        text: message.text,
        thread_ts: message.threadTs,
        files: message.files,
        subtype: message.files ? "file_share" : undefined,
        team: workspace.teamId,
      });
    },
    addWorkspace: (workspace) => state.workspaces.add(workspace),
    workspace: (teamId) => state.workspaces.get(teamId),
    addChannel: (channel) => state.workspaces.addChannel(channel),
    addUser: (user) => state.workspaces.addUser(user),
    openDirectMessage(userId, teamId) {
      const dm = state.workspaces.resolveChannel(state.workspaces.get(teamId), userId);
      if (!dm) throw new Error(`Slack emulator: no user ${userId}; call addUser() first`);
      return dm;
    },
    addUsergroup: (group) => state.workspaces.addUsergroup(group),
    setUsergroupMembers: (id, users, teamId) => state.workspaces.setUsergroupMembers(id, users, teamId),
    issueTriggerId: () => state.triggers.issue(),
    issueResponseUrl: () => responseUrls.issue(),
    issueOAuthCode: (grant) => state.oauthCodes.issue(grant),
    hostFile: (file) => state.files.host(file),
    fileBytes: (fileId) => state.files.bytesOf(fileId),
    view: (viewId) => state.views.get(viewId),
    failNext: (method, error, faultOptions) => faults.push(method, error, faultOptions),
    holdCalls: (spec) => holds.add(spec),
    async close() {
      holds.releaseAll();
      // Keep-alive sockets from fetch would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
