// A fake Slack Socket Mode on 127.0.0.1 for @slack/socket-mode 3.x (what Bolt 5's SocketModeReceiver runs).
// One HTTP server plays both parts of Slack the client talks to:
// - the Web API base (`apiUrl`, the app's `slackApiUrl`): it answers `apps.connections.open` itself (the xapp- token
//   as Bearer → a single-use `ws://…/link/?ticket=…` URL) and forwards every other `/api/<method>` call verbatim to
//   the fake Web API (`webApiUrl`, e.g. `emulator.apiUrl`), which records it as usual. Bolt hands the same
//   `clientOptions.slackApiUrl` to its WebClient and to the Socket Mode client, so the two cannot point at
//   different hosts; one base answering every method is also what slack.com does.
// - the WebSocket: `hello` when the client connects, envelopes from `sendEnvelope` / `deliver`, acks matched by
//   envelope_id, `{"type":"disconnect","reason":"refresh_requested"}` from `requestReconnect`.
// What the client does on the wire (read in SlackWebSocket.js / SocketModeClient.js): it is undici's WebSocket, not
// `ws`; it pings every clientPingTimeout/3 (5000/3 ms) and drops the connection after four pings without a pong (ws
// answers pings itself); it only watches for server pings once one has arrived, so this server sends none. After a
// disconnect it waits clientPingTimeout × consecutive failures (5 s; Bolt's App does not expose the option) before
// calling apps.connections.open again. An ack is `{"envelope_id":…,"payload":{…}}`; the payload is `{}` for a bare
// `ack()`. Every envelope, ack and connection is recorded.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { readBody } from "./api-request.ts";
import { sendJson, sendNotFound } from "./api-response.ts";
import { slackDefaults } from "./ids.ts";
import { formContentType, type InboundRequest } from "./inbound-request.ts";

export type SocketEnvelopeType = "slash_commands" | "events_api" | "interactive";

/** What the client put in its ack; `{}` for a bare `ack()`, undefined when the ack carried no payload at all. */
export type AckPayload = Record<string, unknown> | undefined;

export type SocketModeServerOptions = {
  /** The app-level token apps.connections.open accepts as Bearer; anything else answers `invalid_auth`. */
  appToken: string;
  /** Put in the hello's connection_info. */
  appId?: string;
  /** Where every other Web API method is forwarded (`emulator.apiUrl`); without it they answer `unknown_method`. */
  webApiUrl?: string;
  /** How long `sendEnvelope` waits for the ack: Slack's 3 s unless told otherwise. */
  ackTimeoutMs?: number;
};

export type SendEnvelopeOptions = {
  /** Slack sets it for slash commands, view submissions and block suggestions. Default: from the type/payload. */
  acceptsResponsePayload?: boolean;
  /** Reuse an envelope id to deliver the very same envelope again. */
  envelopeId?: string;
  /** events_api only: 0 for the first delivery. */
  retryAttempt?: number;
  retryReason?: string;
  timeoutMs?: number;
};

export type SocketConnection = {
  readonly id: number;
  readonly ticket: string;
  readonly openedAt: number;
  /** The hello was sent; the client counts itself connected from then on. */
  greeted: boolean;
  /** Client pings seen (ws answers each with a pong). */
  pings: number;
  closedAt: number | null;
  closeCode: number | null;
};

export type SentEnvelope = {
  readonly envelopeId: string;
  readonly type: SocketEnvelopeType;
  readonly payload: Record<string, unknown>;
  readonly acceptsResponsePayload: boolean;
  readonly retryAttempt: number | undefined;
  readonly retryReason: string | undefined;
  readonly connectionId: number;
  readonly sentAt: number;
};

export type ReceivedAck = {
  readonly envelopeId: string | undefined;
  readonly payload: AckPayload;
  readonly connectionId: number;
  readonly at: number;
  /** An envelope with this id was sent and still waited for its ack. */
  readonly matched: boolean;
};

export type ConnectionsOpenCall = {
  readonly token: string | undefined;
  readonly ok: boolean;
  readonly at: number;
};

type PendingAck = {
  readonly connectionId: number;
  readonly resolve: (payload: AckPayload) => void;
  readonly reject: (error: Error) => void;
};

const pollMs = 10;

/** Envelope type and flags for what Slack would POST over HTTP, so every existing payload builder can be reused. */
export function socketEnvelopeFor(request: InboundRequest): {
  type: SocketEnvelopeType;
  payload: Record<string, unknown>;
  options: SendEnvelopeOptions;
} {
  if (request.contentType === formContentType) {
    const fields = Object.fromEntries(new URLSearchParams(request.body));
    if (typeof fields.payload === "string") {
      const payload = JSON.parse(fields.payload) as Record<string, unknown>;
      const accepts = payload.type === "view_submission" || payload.type === "block_suggestion";
      return { type: "interactive", payload, options: { acceptsResponsePayload: accepts } };
    }
    // Socket Mode sends the command's form fields as one JSON object of strings.
    if (fields.command) return { type: "slash_commands", payload: fields, options: {} };
    throw new Error(`no Socket Mode envelope for this form request: ${request.body.slice(0, 80)}`);
  }
  const body = JSON.parse(request.body) as Record<string, unknown>;
  if (body.type !== "event_callback")
    throw new Error(`no Socket Mode envelope for a ${String(body.type)} request (HTTP only)`);
  const retryNum = request.headers["x-slack-retry-num"];
  return {
    type: "events_api",
    payload: body,
    options: {
      retryAttempt: retryNum === undefined ? 0 : Number(retryNum),
      retryReason: request.headers["x-slack-retry-reason"] ?? "",
    },
  };
}

export class SocketModeServer {
  readonly connections: SocketConnection[] = [];
  readonly envelopes: SentEnvelope[] = [];
  readonly acks: ReceivedAck[] = [];
  readonly connectionsOpenCalls: ConnectionsOpenCall[] = [];
  readonly #options: SocketModeServerOptions;
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sockets = new Map<number, WebSocket>();
  readonly #tickets = new Map<string, boolean>();
  readonly #pending = new Map<string, PendingAck>();
  #origin = "";

  constructor(options: SocketModeServerOptions) {
    this.#options = options;
    this.#server = createServer((request, response) => {
      this.#route(request, response).catch((error: unknown) => {
        if (!response.headersSent)
          sendJson(response, 500, { ok: false, error: `emulator_failure: ${String(error)}` });
        else response.destroy();
      });
    });
    this.#server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.#upgrade(request, socket, head),
    );
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#origin = `http://127.0.0.1:${port}`;
    return this;
  }

  /** The WebSocket endpoint apps.connections.open hands out (plus `?ticket=…&app_id=…`). */
  get url(): string {
    return `${this.#origin.replace(/^http/, "ws")}/link/`;
  }

  /** `${origin}/api/`: the app's `slackApiUrl` (apps.connections.open here, everything else forwarded). */
  get apiUrl(): string {
    return `${this.#origin}/api/`;
  }

  get openConnections(): SocketConnection[] {
    return this.connections.filter((connection) => connection.greeted && connection.closedAt === null);
  }

  /** Resolves once `count` connections have been greeted in total (1: the app is connected). */
  waitForConnection(count = 1, timeoutMs = 5_000): Promise<SocketConnection> {
    return this.#waitFor(
      () => {
        const greeted = this.connections.filter((connection) => connection.greeted);
        return greeted.length >= count && greeted.at(-1)?.closedAt === null ? greeted.at(-1) : undefined;
      },
      timeoutMs,
      `${count} Socket Mode connection(s)`,
    );
  }

  /**
   * Sends an envelope on the newest open connection; resolves with the ack's payload, rejects when no ack comes
   * within the timeout or the connection closes first.
   */
  sendEnvelope(
    type: SocketEnvelopeType,
    payload: Record<string, unknown>,
    options: SendEnvelopeOptions = {},
  ): Promise<AckPayload> {
    const connection = this.openConnections.at(-1);
    const socket = connection && this.#sockets.get(connection.id);
    if (!connection || !socket) return Promise.reject(new Error("no open Socket Mode connection"));
    const envelopeId = options.envelopeId ?? randomUUID();
    if (this.#pending.has(envelopeId))
      return Promise.reject(new Error(`envelope ${envelopeId} is still waiting for its ack`));
    const acceptsResponsePayload = options.acceptsResponsePayload ?? type === "slash_commands";
    const events = type === "events_api";
    const envelope: SentEnvelope = {
      envelopeId,
      type,
      payload,
      acceptsResponsePayload,
      retryAttempt: events ? (options.retryAttempt ?? 0) : undefined,
      retryReason: events ? (options.retryReason ?? "") : undefined,
      connectionId: connection.id,
      sentAt: Date.now(),
    };
    this.envelopes.push(envelope);
    const timeoutMs = options.timeoutMs ?? this.#options.ackTimeoutMs ?? 3_000;
    const acked = new Promise<AckPayload>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(envelopeId);
        reject(new Error(`no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(envelopeId, {
        connectionId: connection.id,
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        payload,
        type,
        accepts_response_payload: acceptsResponsePayload,
        ...(events ? { retry_attempt: envelope.retryAttempt, retry_reason: envelope.retryReason } : {}),
      }),
    );
    return acked;
  }

  /** `sendEnvelope` for a request built for HTTP (slashCommand, eventCallback, blockActions, viewSubmission…). */
  deliver(request: InboundRequest, options: SendEnvelopeOptions = {}): Promise<AckPayload> {
    const envelope = socketEnvelopeFor(request);
    return this.sendEnvelope(envelope.type, envelope.payload, { ...envelope.options, ...options });
  }

  /**
   * Sends `disconnect` (refresh_requested) on every open connection, as Slack does before recycling a host, and
   * resolves with the client's next connection once it has been greeted.
   */
  async requestReconnect(timeoutMs = 10_000): Promise<SocketConnection> {
    const open = this.openConnections;
    if (open.length === 0) throw new Error("no open Socket Mode connection to refresh");
    const greeted = this.connections.filter((connection) => connection.greeted).length;
    const message = JSON.stringify({
      type: "disconnect",
      reason: "refresh_requested",
      debug_info: { host: "applink-emulated" },
    });
    for (const connection of open) this.#sockets.get(connection.id)?.send(message);
    return this.waitForConnection(greeted + 1, timeoutMs);
  }

  async close(): Promise<void> {
    for (const [envelopeId, pending] of this.#pending) {
      this.#pending.delete(envelopeId);
      pending.reject(new Error("Socket Mode server closed"));
    }
    for (const socket of this.#sockets.values()) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  async #route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.#origin);
    if (!url.pathname.startsWith("/api/")) return sendNotFound(response);
    const method = decodeURIComponent(url.pathname.slice("/api/".length));
    if (method === "apps.connections.open") return this.#connectionsOpen(request, response);
    const body = await readBody(request);
    if (!this.#options.webApiUrl) return sendJson(response, 200, { ok: false, error: "unknown_method" });
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "authorization"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const upstream = await fetch(new URL(`${method}${url.search}`, this.#options.webApiUrl), {
      method: request.method ?? "POST",
      headers,
      ...(request.method === "GET" || request.method === "HEAD" ? {} : { body }),
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    const passed: Record<string, string> = { "content-length": String(answer.length) };
    for (const name of ["content-type", "retry-after"]) {
      const value = upstream.headers.get(name);
      if (value !== null) passed[name] = value;
    }
    response.writeHead(upstream.status, passed);
    response.end(answer);
  }

  async #connectionsOpen(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await readBody(request);
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const ok = token === this.#options.appToken;
    this.connectionsOpenCalls.push({ token, ok, at: Date.now() });
    if (!ok) {
      // Slack answers a bot or user token with not_allowed_token_type, an unknown app token with invalid_auth.
      const error = token?.startsWith("xox") ? "not_allowed_token_type" : "invalid_auth";
      return sendJson(response, 200, { ok: false, error });
    }
    const ticket = randomUUID();
    this.#tickets.set(ticket, false);
    const appId = this.#options.appId ?? slackDefaults.appId;
    sendJson(response, 200, { ok: true, url: `${this.url}?ticket=${ticket}&app_id=${appId}` });
  }

  #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", this.#origin);
    const ticket = url.searchParams.get("ticket") ?? "";
    // A ticket is good for one connection: a client must call apps.connections.open for every reconnect.
    if (url.pathname !== "/link/" || this.#tickets.get(ticket) !== false) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    this.#tickets.set(ticket, true);
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, ticket));
  }

  #accept(ws: WebSocket, ticket: string): void {
    const connection: SocketConnection = {
      id: this.connections.length + 1,
      ticket,
      openedAt: Date.now(),
      greeted: false,
      pings: 0,
      closedAt: null,
      closeCode: null,
    };
    this.connections.push(connection);
    this.#sockets.set(connection.id, ws);
    ws.on("message", (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.#receive(connection, data.toString());
    });
    ws.on("close", (code: number) => {
      connection.closedAt = Date.now();
      connection.closeCode = code;
      this.#sockets.delete(connection.id);
      for (const [envelopeId, pending] of this.#pending) {
        if (pending.connectionId !== connection.id) continue;
        this.#pending.delete(envelopeId);
        pending.reject(
          new Error(`connection ${connection.id} closed (${code}) before envelope ${envelopeId} was acked`),
        );
      }
    });
    ws.on("ping", () => {
      connection.pings += 1;
    });
    ws.on("error", () => {
      // "close" follows and records it.
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.openConnections.length + 1,
        debug_info: { host: "applink-emulated", build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.#options.appId ?? slackDefaults.appId },
      }),
    );
    connection.greeted = true;
  }

  #receive(connection: SocketConnection, text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      message = {};
    }
    const envelopeId = typeof message.envelope_id === "string" ? message.envelope_id : undefined;
    const payload =
      typeof message.payload === "object" && message.payload !== null
        ? (message.payload as Record<string, unknown>)
        : undefined;
    const pending = envelopeId === undefined ? undefined : this.#pending.get(envelopeId);
    this.acks.push({ envelopeId, payload, connectionId: connection.id, at: Date.now(), matched: !!pending });
    if (pending && envelopeId !== undefined) {
      this.#pending.delete(envelopeId);
      pending.resolve(payload);
    }
  }

  #waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const started = Date.now();
      const poll = (): void => {
        const value = check();
        if (value !== undefined) return resolve(value);
        if (Date.now() - started >= timeoutMs)
          return reject(new Error(`Socket Mode server: no ${what} within ${timeoutMs} ms`));
        setTimeout(poll, pollMs);
      };
      poll();
    });
  }
}
