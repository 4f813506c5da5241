// The gateway: a `ws` server sharing the HTTP port, speaking JSON frames without compression (discord.js 14 asks
// for zlib-stream only when the optional zlib-sync is installed). It keeps Discord's session model: IDENTIFY opens a
// session with its own sequence, a dropped socket leaves the session resumable and buffering dispatches, RESUME
// replays what the client missed, and a clean close (1000/1001 from the client) ends the session.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { receivesEvent } from "./gateway-intents.ts";
import { guildOnShard, type Shard } from "./gateway-payloads.ts";
import { asObject, isObject, type JsonObject } from "./json.ts";
import type { GatewayFrame, GatewayLogEntry } from "./types.ts";

export type GatewayHooks = {
  botToken: string;
  heartbeatIntervalMs: number;
  /** `ws://127.0.0.1:PORT/gateway`, also READY's resume_gateway_url. */
  gatewayUrl: () => string;
  newSessionId: () => string;
  /** READY and the GUILD_CREATEs that follow it, for a new session. */
  onIdentify: (sessionId: string, shard: Shard) => { t: string; d: unknown }[];
  /** Answer to op 8 REQUEST_GUILD_MEMBERS. */
  onRequestGuildMembers: (d: JsonObject) => unknown;
};

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** Dispatches kept per session for RESUME; far more than any test produces. */
const HISTORY_LIMIT = 1000;
/** How long a session whose socket dropped stays resumable (Discord does not document it; minutes in practice). */
const RESUME_WINDOW_MS = 60_000;

class Session {
  readonly id: string;
  readonly intents: number;
  readonly shard: Shard;
  seq = 0;
  readonly history: GatewayFrame[] = [];
  connection: Connection | null = null;
  ended = false;
  closedAt: number | null = null;
  /** Set by `forceResume`: how many already-delivered dispatches the next RESUME re-sends. */
  pendingDuplicates = 0;
  onResumed: ((duplicates: GatewayFrame[]) => void) | null = null;

  constructor(id: string, intents: number, shard: Shard) {
    this.id = id;
    this.intents = intents;
    this.shard = shard;
  }

  /** Guild events go to the guild's shard only; events outside a guild (DMs) to shard 0, as on Discord. */
  receivesGuild(guildId: string | undefined): boolean {
    return guildId === undefined ? this.shard[0] === 0 : guildOnShard(guildId, this.shard);
  }

  resumable(now: number): boolean {
    return !this.ended && (this.closedAt === null || now - this.closedAt < RESUME_WINDOW_MS);
  }
}

class Connection {
  readonly id: number;
  readonly socket: WebSocket;
  session: Session | null = null;
  /** The emulator closed this socket on purpose; the session stays resumable whatever code the client echoes. */
  closedByServer = false;

  constructor(id: number, socket: WebSocket) {
    this.id = id;
    this.socket = socket;
  }
}

export class GatewayServer {
  readonly log: GatewayLogEntry[] = [];
  readonly #hooks: GatewayHooks;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<Connection>();
  #sessions: Session[] = [];
  #nextConnectionId = 1;

  constructor(hooks: GatewayHooks) {
    this.#hooks = hooks;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  /** Sessions currently connected and identified (a bot process that is up). */
  get connectedSessions(): number {
    return this.#sessions.filter((s) => s.connection && !s.ended).length;
  }

  /**
   * Sends `t` to every resumable session whose intents allow it; `build` shapes the data per session (content
   * redaction) and may return null to skip one. Returns how many connected sessions it was sent to
   * (sessions between a drop and their RESUME buffer it without counting).
   */
  dispatch(t: string, build: (intents: number) => unknown): number {
    const now = Date.now();
    this.#sessions = this.#sessions.filter((s) => s.resumable(now));
    let delivered = 0;
    for (const session of this.#sessions) {
      if (!receivesEvent(session.intents, t)) continue;
      const d = build(session.intents);
      if (d === null || d === undefined) continue;
      if (!session.receivesGuild(guildOf(t, d))) continue;
      this.#dispatchTo(session, t, d);
      if (session.connection) delivered += 1;
    }
    return delivered;
  }

  /**
   * Makes the newest connected session resume: closes its socket with 4000 (discord.js resumes on it) or sends op 7
   * RECONNECT, then on RESUME re-sends the last `count` dispatches the client already had (duplicates, as a resume
   * replay can produce) before the missed ones and RESUMED. Resolves with the duplicated frames.
   */
  forceResume(count: number, via: "close" | "reconnect", timeoutMs: number): Promise<GatewayFrame[]> {
    const session = this.#sessions.filter((s) => s.connection && !s.ended).at(-1);
    const connection = session?.connection;
    if (!session || !connection)
      return Promise.reject(new Error("No bot session is connected to the gateway"));
    session.pendingDuplicates = count;
    const resumed = new Promise<GatewayFrame[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        session.onResumed = null;
        reject(new Error(`The client did not RESUME within ${timeoutMs} ms`));
      }, timeoutMs);
      session.onResumed = (duplicates) => {
        clearTimeout(timer);
        resolve(duplicates);
      };
    });
    if (via === "close") this.#close(connection, 4000, "Unknown error (emulated resume)");
    else this.#send(connection, { op: Op.Reconnect, d: null, s: null, t: null });
    return resumed;
  }

  async close(): Promise<void> {
    for (const connection of this.#connections) connection.socket.terminate();
    this.#connections.clear();
    this.#sessions = [];
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const connection = new Connection(this.#nextConnectionId++, socket);
    this.#connections.add(connection);
    socket.on("message", (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on("close", (code) => this.#onClose(connection, code));
    // A reset socket also emits close; nothing else to do, but an unhandled 'error' would crash the test process.
    socket.on("error", () => {});
    this.#send(connection, {
      op: Op.Hello,
      d: { heartbeat_interval: this.#hooks.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  #onClose(connection: Connection, code: number): void {
    this.#connections.delete(connection);
    this.log.push({
      at: Date.now(),
      connectionId: connection.id,
      direction: "in",
      op: -1,
      t: null,
      s: null,
      closeCode: code,
    });
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    session.closedAt = Date.now();
    // A client closing with 1000/1001 gives its session up; any other drop keeps it resumable (gateway.mdx).
    if (!connection.closedByServer && (code === 1000 || code === 1001)) session.ended = true;
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    let frame: JsonObject;
    try {
      const parsed: unknown = JSON.parse(isBinary ? "" : data.toString());
      if (!isObject(parsed) || typeof parsed.op !== "number") throw new Error("not a gateway frame");
      frame = parsed;
    } catch {
      this.#close(connection, 4002, "Error while decoding payload.");
      return;
    }
    const op = frame.op as number;
    this.log.push({ at: Date.now(), connectionId: connection.id, direction: "in", op, t: null, s: null });
    const d = asObject(frame.d);
    switch (op) {
      case Op.Heartbeat:
        this.#send(connection, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        return;
      case Op.Identify:
        this.#identify(connection, d);
        return;
      case Op.Resume:
        this.#resume(connection, d);
        return;
      case Op.RequestGuildMembers:
        if (connection.session)
          this.#dispatchTo(connection.session, "GUILD_MEMBERS_CHUNK", this.#hooks.onRequestGuildMembers(d));
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
        return;
      default:
        this.#close(connection, 4001, "Unknown opcode.");
    }
  }

  #identify(connection: Connection, d: JsonObject): void {
    if (d.token !== this.#hooks.botToken) {
      this.#close(connection, 4004, "Authentication failed.");
      return;
    }
    if (connection.session) {
      this.#close(connection, 4005, "Already authenticated.");
      return;
    }
    const intents = typeof d.intents === "number" ? d.intents : 0;
    const shard = shardOf(d.shard);
    if (!shard) {
      this.#close(connection, 4010, "Invalid shard.");
      return;
    }
    const session = new Session(this.#hooks.newSessionId(), intents, shard);
    session.connection = connection;
    connection.session = session;
    this.#sessions.push(session);
    for (const { t, d: data } of this.#hooks.onIdentify(session.id, shard)) {
      if (receivesEvent(intents, t)) this.#dispatchTo(session, t, data);
    }
  }

  #resume(connection: Connection, d: JsonObject): void {
    if (d.token !== this.#hooks.botToken) {
      this.#close(connection, 4004, "Authentication failed.");
      return;
    }
    const now = Date.now();
    const session = this.#sessions.find((s) => s.id === d.session_id && s.resumable(now));
    if (!session) {
      // d:false tells the client to IDENTIFY afresh (discord.js waits, then reconnects and identifies).
      this.#send(connection, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.connection && session.connection !== connection) {
      session.connection.closedByServer = true;
      session.connection.socket.terminate();
    }
    session.connection = connection;
    session.closedAt = null;
    connection.session = session;
    const clientSeq = typeof d.seq === "number" ? d.seq : 0;
    const delivered = session.history.filter((f) => (f.s ?? 0) <= clientSeq);
    const duplicates = session.pendingDuplicates > 0 ? delivered.slice(-session.pendingDuplicates) : [];
    session.pendingDuplicates = 0;
    for (const frame of duplicates) this.#send(connection, frame);
    for (const frame of session.history.filter((f) => (f.s ?? 0) > clientSeq)) this.#send(connection, frame);
    this.#dispatchTo(session, "RESUMED", {});
    session.onResumed?.(duplicates);
    session.onResumed = null;
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const frame: GatewayFrame = { op: Op.Dispatch, d, s: session.seq, t };
    session.history.push(frame);
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    // With no socket the frame waits in `history` for a RESUME.
    if (session.connection) this.#send(session.connection, frame);
  }

  #send(connection: Connection, frame: GatewayFrame): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    this.log.push({
      at: Date.now(),
      connectionId: connection.id,
      direction: "out",
      op: frame.op,
      t: frame.t,
      s: frame.s,
    });
    connection.socket.send(JSON.stringify(frame));
  }

  #close(connection: Connection, code: number, reason: string): void {
    connection.closedByServer = true;
    this.log.push({
      at: Date.now(),
      connectionId: connection.id,
      direction: "out",
      op: -1,
      t: null,
      s: null,
      closeCode: code,
    });
    connection.socket.close(code, reason);
  }
}

/** IDENTIFY's `shard` ([shard_id, num_shards]); absent means [0, 1]; out of range is Discord's 4010. */
function shardOf(value: unknown): Shard | null {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) return null;
  return [id as number, count as number];
}

/** The guild an event belongs to: `guild_id`, or `id` for the guild's own events. */
function guildOf(t: string, d: unknown): string | undefined {
  if (!isObject(d)) return undefined;
  const id = t.startsWith("GUILD_") && !("guild_id" in d) ? d.id : d.guild_id;
  return typeof id === "string" ? id : undefined;
}
