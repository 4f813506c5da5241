// Public types: the emulator's options, the objects actors take and return, and the records tests assert on.
// Records are plain data the emulator appends to; wire payloads inside them stay in Discord's snake_case.

export type DiscordEmulatorOptions = {
  /** First interaction callback must arrive within this many ms of INTERACTION_CREATE (Discord: 3000). */
  interactionDeadlineMs?: number;
  /** Token the bot must present (`Authorization: Bot <token>`, gateway IDENTIFY). */
  botToken?: string;
  /** How long an interaction token accepts webhook calls (Discord: 15 minutes). */
  webhookTokenTtlMs?: number;
  /** HELLO's heartbeat_interval (Discord: 41250). Lower it to exercise heartbeats in a test. */
  heartbeatIntervalMs?: number;
  /**
   * Discord's UI (and, by some reports, the API) unarchives a thread when a message is sent in it; bots commonly see
   * 400 50083 instead. Default false: the bot's POST fails with 50083, the stricter behaviour to code against.
   */
  autoUnarchiveOnSend?: boolean;
  /**
   * How long `enforce_nonce` deduplicates a send ("the past few minutes"; 5 minutes here). Shorten it to model a
   * delivery repeated after the window, e.g. by a bot restarted long after a crash.
   */
  nonceWindowMs?: number;
  /**
   * `GET /gateway/bot`'s recommended shard count (default 1). With more, each IDENTIFY names its shard and a guild's
   * events go only to the session of the shard `(guild_id >> 22) % count` (Discord's sharding formula).
   */
  recommendedShards?: number;
};

/** An attachment object as Discord sends it in messages and `resolved.attachments`. */
export type Attachment = {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
  /** Voice messages only: the clip's length and a base64 waveform, as Discord sends them. */
  duration_secs?: number;
  waveform?: string;
};

export type EmulatedUser = { id: string; username: string };

export type RecordedFile = {
  /** Multipart field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  size: number;
  bytes: Uint8Array;
};

export type RecordedRequest = {
  at: number;
  method: string;
  /** Full path with every segment percent-decoded, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The path below `/api/v10`, e.g. `/channels/123/messages`. */
  route: string;
  query: Record<string, string>;
  /** The Authorization header as sent (`Bot <token>`), or null (interaction callbacks and webhooks send none). */
  auth: string | null;
  headers: Record<string, string>;
  /** Parsed JSON body, or the parsed `payload_json` of a multipart body. */
  body: unknown;
  multipart: boolean;
  files: RecordedFile[];
  /** HTTP status answered; 0 while the request is still being handled. */
  status: number;
};

export type RejectedRequest = {
  at: number;
  method: string;
  path: string;
  status: number;
  /** Discord's JSON error code (0 for generic errors, absent on 429). */
  code: number;
  reason: string;
};

export type MessageSource = "bot" | "interaction" | "user";

export type RecordedMessage = {
  id: string;
  channelId: string;
  guildId: string;
  author: { id: string; username: string; bot: boolean };
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: Attachment[];
  /** Message flags as stored (e.g. 4 SUPPRESS_EMBEDS, 64 EPHEMERAL, 128 LOADING for a deferred reply). */
  flags: number;
  nonce: string | number | null;
  enforceNonce: boolean;
  /** Exactly as the bot sent it (null when absent); spelled like the wire field. */
  allowed_mentions: unknown;
  tts: boolean;
  /** Discord message type: 0 default, 19 reply, 20 chat-input command response. */
  type: number;
  source: MessageSource;
  /** Interaction this message answers (callback, @original edit or follow-up), if any. */
  interactionId: string | null;
  messageReference: unknown;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** MESSAGE_CREATE deliveries: >1 when a user message was replayed with the same id. */
  deliveries: number;
};

export type ThreadRecord = {
  id: string;
  parentId: string;
  name: string;
  type: 11 | 12;
  ownerId: string;
  /** User ids currently in the thread. */
  members: string[];
  archived: boolean;
  locked: boolean;
  invitable: boolean;
  autoArchiveDuration: number;
  deleted: boolean;
  createdAt: number;
};

export type InteractionKind = "command" | "button" | "modal";

export type InteractionResponseKind =
  | "callback"
  | "original-edit"
  | "original-fetch"
  | "original-delete"
  | "followup"
  | "followup-edit"
  | "followup-fetch"
  | "followup-delete";

export type InteractionResponseRecord = {
  at: number;
  kind: InteractionResponseKind;
  /** For `callback`: 4 reply, 5 defer, 6 deferred update, 7 update, 9 modal. */
  callbackType: number | null;
  body: unknown;
  files: RecordedFile[];
  /** The message created or touched, if any. */
  messageId: string | null;
};

export type InteractionRecord = {
  id: string;
  token: string;
  /** Interaction type on the wire: 2 application command, 3 component, 5 modal submit. */
  type: 2 | 3 | 5;
  kind: InteractionKind;
  channelId: string;
  userId: string;
  /** The `d` of INTERACTION_CREATE as dispatched. */
  payload: Record<string, unknown>;
  dispatchedAt: number;
  /** Gateway sessions the dispatch reached (0: no bot connected; Discord would show "did not respond"). */
  deliveredTo: number;
  deadlineAt: number;
  acknowledgedAt: number | null;
  /** Callbacks, @original edits and follow-ups the emulator accepted, in order (rejections are in `rejected`). */
  responses: InteractionResponseRecord[];
};

/** Scripted REST fault for `failNext`. */
export type FaultSpec = {
  method?: string;
  /** Tested against the decoded full path (`/api/v10/channels/…`). */
  pathPattern: RegExp;
  status: number;
  code?: number;
  message?: string;
  /** Seconds; sent as `Retry-After` and `retry_after`. Fractions are allowed to keep tests fast. */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests fail (default 1). */
  times?: number;
};

export type GatewayFrame = { op: number; d: unknown; s: number | null; t: string | null };

export type GatewayLogEntry = {
  at: number;
  connectionId: number;
  direction: "in" | "out";
  /** Gateway opcode; -1 marks a close (see `closeCode`). */
  op: number;
  t: string | null;
  s: number | null;
  /** Set on closes: the close code. */
  closeCode?: number;
};

export type DeduplicatedSend = { at: number; channelId: string; nonce: string | number; messageId: string };
