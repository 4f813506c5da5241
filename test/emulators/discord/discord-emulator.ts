// The public face of the Discord emulator: one node:http server on 127.0.0.1 serving REST (/api/v10), the gateway
// (/gateway, via `ws`) and a CDN (/cdn, /media) on one random port, so the real discord.js 14 client runs against it
// unmodified. Actors play users and moderators; records let tests assert on what the bot actually sent.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { keepIdleConnectionsOpen } from "../shared/keep-alive.ts";
import {
  addTextChannel,
  addThreadMember,
  deleteChannel,
  denyPermission,
  removeThreadMember,
  setThreadState,
} from "./actors-channels.ts";
import {
  type ButtonClickInput,
  clickButton,
  type ModalSubmitInput,
  runSlashCommand,
  type SlashCommandInput,
  submitModal,
} from "./actors-interactions.ts";
import {
  addLinkPreview,
  deleteUserMessage,
  editUserMessage,
  type LinkPreviewInput,
  sendUserMessage,
  type UserDeleteInput,
  type UserEditInput,
  type UserMessageInput,
} from "./actors-messages.ts";
import { CdnHost } from "./cdn.ts";
import type { EmulatorContext, ResolvedOptions } from "./context.ts";
import { FaultQueue } from "./faults.ts";
import { guildMembersChunk, identifyDispatches } from "./gateway-payloads.ts";
import { GatewayServer } from "./gateway-server.ts";
import { sendJson } from "./http-io.ts";
import { InteractionStore } from "./interaction-store.ts";
import { MessageStore, NONCE_WINDOW_MS } from "./messages.ts";
import { guildCreateObject, memberObject, roleObjects } from "./payloads.ts";
import type { PermissionName } from "./permissions.ts";
import { type HoldSpec, type ResponseHold, ResponseHolds } from "./response-holds.ts";
import { RestRouter } from "./rest-router.ts";
import { channelRoutes } from "./rest-routes-channels.ts";
import { commandRoutes } from "./rest-routes-commands.ts";
import { interactionRoutes } from "./rest-routes-interactions.ts";
import { messageRoutes } from "./rest-routes-messages.ts";
import { metaRoutes } from "./rest-routes-meta.ts";
import type {
  Attachment,
  DeduplicatedSend,
  DiscordEmulatorOptions,
  EmulatedUser,
  FaultSpec,
  GatewayFrame,
  GatewayLogEntry,
  InteractionRecord,
  InteractionResponseRecord,
  RecordedMessage,
  RecordedRequest,
  RejectedRequest,
  ThreadRecord,
} from "./types.ts";
import { waitFor } from "./wait-for.ts";
import { World } from "./world.ts";

export class DiscordEmulator {
  readonly #options: ResolvedOptions;
  readonly #world = new World();
  readonly #requests: RecordedRequest[] = [];
  readonly #rejected: RejectedRequest[] = [];
  readonly #faults = new FaultQueue();
  readonly #holds = new ResponseHolds();
  readonly #ctx: EmulatorContext;
  readonly #router: RestRouter;
  readonly #server: Server;
  #port: number | null = null;

  constructor(options: DiscordEmulatorOptions = {}) {
    this.#options = {
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
      botToken: options.botToken ?? "test-bot-token",
      webhookTokenTtlMs: options.webhookTokenTtlMs ?? 15 * 60_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      autoUnarchiveOnSend: options.autoUnarchiveOnSend ?? false,
      nonceWindowMs: options.nonceWindowMs ?? NONCE_WINDOW_MS,
      recommendedShards: options.recommendedShards ?? 1,
    };
    const world = this.#world;
    const origin = () => this.origin;
    const gateway = new GatewayServer({
      botToken: this.#options.botToken,
      heartbeatIntervalMs: this.#options.heartbeatIntervalMs,
      gatewayUrl: () => this.gatewayUrl,
      newSessionId: () => randomBytes(16).toString("hex"),
      onIdentify: (sessionId, shard) => identifyDispatches(world, sessionId, this.gatewayUrl, shard),
      onRequestGuildMembers: (d) => guildMembersChunk(world, d),
    });
    const cdn = new CdnHost(world.ids, origin);
    this.#ctx = {
      world,
      gateway,
      cdn,
      messages: new MessageStore(world, gateway, cdn, this.#options.nonceWindowMs),
      interactions: new InteractionStore({
        deadlineMs: this.#options.interactionDeadlineMs,
        tokenTtlMs: this.#options.webhookTokenTtlMs,
      }),
      options: this.#options,
      origin,
    };
    const ctx = this.#ctx;
    this.#router = new RestRouter(
      [
        ...metaRoutes(ctx),
        ...commandRoutes(ctx),
        ...interactionRoutes(ctx),
        ...channelRoutes(ctx),
        ...messageRoutes(ctx),
      ],
      {
        botToken: this.#options.botToken,
        faults: this.#faults,
        records: { requests: this.#requests, rejected: this.#rejected },
        holds: this.#holds,
      },
    );
    this.#server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if (cdn.serve(url.pathname, response)) return;
      this.#router.handle(request, response, url).catch((error: unknown) => {
        // The router answers every DiscordHttpError itself; reaching here means the socket broke mid-answer.
        if (!response.headersSent)
          sendJson(response, 500, { message: `Emulator failure: ${String(error)}`, code: 0 });
        else response.destroy();
      });
    });
    keepIdleConnectionsOpen(this.#server);
    this.#server.on("upgrade", (request, socket, head: Buffer) => {
      const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      if (path === "/gateway") gateway.handleUpgrade(request, socket, head);
      else socket.destroy();
    });
  }

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────────────────────────

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => resolve());
    });
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.#holds.releaseAll();
    await this.#ctx.gateway.close();
    // discord.js keeps HTTP connections alive; without this close() would wait for them.
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ── addresses and ids ────────────────────────────────────────────────────────────────────────────────────────

  /** `http://127.0.0.1:PORT`. */
  get origin(): string {
    if (this.#port === null) throw new Error("DiscordEmulator: call start() first");
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Pass as the Client's `rest.api` (without `/v10`: @discordjs/rest appends the version). */
  get apiUrl(): string {
    return `${this.origin}/api`;
  }

  get gatewayUrl(): string {
    return `${this.origin.replace(/^http/, "ws")}/gateway`;
  }

  get botToken(): string {
    return this.#options.botToken;
  }

  get applicationId(): string {
    return this.#world.applicationId;
  }

  get botUserId(): string {
    return this.#world.botUserId;
  }

  get guildId(): string {
    return this.#world.guildId;
  }

  /** The guild's owner, who has Manage Server. */
  get ownerId(): string {
    return this.#world.ownerId;
  }

  /** The guild's text channel "interviews". */
  get defaultChannelId(): string {
    return this.#world.defaultChannelId;
  }

  // ── world setup ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Adds a text channel (CHANNEL_CREATE if a bot is connected) and returns its id. */
  addGuildTextChannel(name: string): string {
    return addTextChannel(this.#ctx, name);
  }

  /** Adds a guild member (GUILD_MEMBER_ADD for sessions with the GUILD_MEMBERS intent). */
  addUser(input: { username: string }): EmulatedUser {
    const user = this.#world.addUser(input.username);
    this.#ctx.gateway.dispatch("GUILD_MEMBER_ADD", () => ({
      ...memberObject(this.#world, user),
      guild_id: this.#world.guildId,
    }));
    return { id: user.id, username: user.username };
  }

  /** Adds a role without permissions of its own (GUILD_ROLE_CREATE) and returns its id. */
  addRole(name: string): string {
    const id = this.#world.ids.next();
    this.#world.roles.push({ id, name });
    this.#ctx.gateway.dispatch("GUILD_ROLE_CREATE", () => ({
      guild_id: this.#world.guildId,
      role: roleObjects(this.#world).find((role) => role.id === id),
    }));
    return id;
  }

  /** Gives a member a role (GUILD_MEMBER_UPDATE); interactions then carry it in `member.roles`. */
  giveRole(userId: string, roleId: string): void {
    const user = this.#world.users.get(userId);
    if (!user) throw new Error(`No user ${userId}`);
    user.roles = [...(user.roles ?? []), roleId];
    this.#ctx.gateway.dispatch("GUILD_MEMBER_UPDATE", () => ({
      ...memberObject(this.#world, user),
      guild_id: this.#world.guildId,
    }));
  }

  /**
   * A server admin removes the bot: GUILD_DELETE without `unavailable` (Discord's sign that the bot left or was
   * kicked, as opposed to an outage, which sets `unavailable: true`).
   */
  removeBotFromGuild(): number {
    return this.#ctx.gateway.dispatch("GUILD_DELETE", () => ({ id: this.#world.guildId }));
  }

  /** A server admin adds the bot (again): GUILD_CREATE with the whole guild, as on joining. */
  addBotToGuild(): number {
    return this.#ctx.gateway.dispatch("GUILD_CREATE", () => guildCreateObject(this.#world));
  }

  /** Serves bytes from the emulator's CDN and returns the attachment object Discord would send for an upload. */
  hostFile(bytes: Uint8Array, filename: string, contentType: string): Attachment {
    return this.#ctx.cdn.host(bytes, filename, contentType, this.#world.defaultChannelId);
  }

  /**
   * A voice message's clip as the Discord client uploads it: `voice-message.ogg`, audio/ogg, with
   * `duration_secs` and a `waveform` (send it with flags IS_VOICE_MESSAGE, 1 << 13).
   */
  hostVoiceMessage(bytes: Uint8Array, durationSecs: number): Attachment {
    const waveform = Buffer.from(Array.from({ length: 64 }, (_, index) => (index * 37) % 256)).toString(
      "base64",
    );
    return this.#ctx.cdn.host(bytes, "voice-message.ogg", "audio/ogg", this.#world.defaultChannelId, {
      durationSecs,
      waveform,
    });
  }

  /** Stops serving a hosted file, as when its signed URL has expired. */
  expireFile(attachment: Attachment): void {
    this.#ctx.cdn.forget(attachment.id);
  }

  // ── actors: interactions ─────────────────────────────────────────────────────────────────────────────────────

  /** INTERACTION_CREATE type 2. Resolves once dispatched with the live record (responses fill in as the bot acts). */
  async runSlashCommand(input: SlashCommandInput): Promise<InteractionRecord> {
    return runSlashCommand(this.#ctx, input);
  }

  /** INTERACTION_CREATE type 3 for a component on an existing message, with the full `message`. */
  async clickButton(input: ButtonClickInput): Promise<InteractionRecord> {
    return clickButton(this.#ctx, input);
  }

  /** INTERACTION_CREATE type 5 answering the modal the bot last showed this user with `customId`. */
  async submitModal(input: ModalSubmitInput): Promise<InteractionRecord> {
    return submitModal(this.#ctx, input);
  }

  // ── actors: messages ─────────────────────────────────────────────────────────────────────────────────────────

  /** MESSAGE_CREATE from a user; an existing `id` re-delivers that message (a replay). */
  async sendMessage(input: UserMessageInput): Promise<RecordedMessage> {
    return sendUserMessage(this.#ctx, input);
  }

  /** MESSAGE_UPDATE: a user edits their message. */
  async editMessage(input: UserEditInput): Promise<RecordedMessage> {
    return editUserMessage(this.#ctx, input);
  }

  /** MESSAGE_UPDATE from Discord's link unfurler: embeds added, content and `edited_timestamp` unchanged. */
  async addLinkPreview(input: LinkPreviewInput): Promise<RecordedMessage> {
    return addLinkPreview(this.#ctx, input);
  }

  /** MESSAGE_DELETE: a user (or moderator) deletes a message. */
  async deleteMessage(input: UserDeleteInput): Promise<void> {
    deleteUserMessage(this.#ctx, input);
  }

  // ── actors: gateway ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Forces the connected client to RESUME (socket closed with 4000, or op 7 RECONNECT with `via: "reconnect"`) and
   * re-sends its last `count` dispatches (default 1) before RESUMED. Resolves with the duplicated frames once
   * RESUMED is written; discord.js waits 500 ms before reconnecting. To act after the client processed RESUMED,
   * await `once(client, Events.ShardResume)`: @discordjs/ws 1.2.3 parks non-essential sends made while resuming
   * (e.g. op 8 from `guild.members.fetch()`) until the next READY, so they hang if issued too early.
   */
  replayDispatchesAfterResume(
    options: { count?: number; via?: "close" | "reconnect"; timeoutMs?: number } = {},
  ): Promise<GatewayFrame[]> {
    return this.#ctx.gateway.forceResume(
      options.count ?? 1,
      options.via ?? "close",
      options.timeoutMs ?? 5000,
    );
  }

  // ── actors: moderation ───────────────────────────────────────────────────────────────────────────────────────

  archiveThread(threadId: string): void {
    setThreadState(this.#ctx, threadId, { archived: true });
  }

  unarchiveThread(threadId: string): void {
    setThreadState(this.#ctx, threadId, { archived: false });
  }

  /** Locks without archiving; the bot (no MANAGE_THREADS) then gets 403 50013 when posting. */
  lockThread(threadId: string): void {
    setThreadState(this.#ctx, threadId, { locked: true });
  }

  /** Deletes a channel or thread (and a channel's threads); later REST calls on it get 404 10003. */
  deleteChannel(channelId: string): void {
    deleteChannel(this.#ctx, channelId);
  }

  addThreadMember(threadId: string, userId: string): void {
    addThreadMember(this.#ctx, threadId, userId);
  }

  removeThreadMember(threadId: string, userId: string): void {
    removeThreadMember(this.#ctx, threadId, userId);
  }

  denyPermission(channelId: string, permission: PermissionName): void {
    denyPermission(this.#ctx, channelId, permission);
  }

  /** Scripts REST faults: the next `times` (default 1) matching requests fail before reaching their route. */
  failNext(spec: FaultSpec): void {
    this.#faults.add(spec);
  }

  /**
   * Holds every REST request matching `spec.match` until `release()`: "after" applies it and holds only the answer
   * (a process killed now has posted without knowing it), "before" holds it unapplied (dropped if the client goes
   * away). `arrived` resolves with the first request held.
   */
  holdRequests(spec: HoldSpec): ResponseHold {
    return this.#holds.add(spec);
  }

  // ── records ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Every REST request in arrival order (retries included). */
  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  /** Requests answered with an error, with the emulator's reason (limits, deadlines, permissions, faults…). */
  get rejected(): readonly RejectedRequest[] {
    return this.#rejected;
  }

  /** Messages that currently exist in a channel or thread (bot, interaction and user), oldest first. */
  messagesIn(channelId: string): RecordedMessage[] {
    return this.#world.messagesIn(channelId);
  }

  /** Any message by id, including deleted ones (`deleted: true`). */
  message(messageId: string): RecordedMessage | undefined {
    return this.#world.messages.get(messageId);
  }

  /** Accepted callbacks, @original edits/fetches/deletes and follow-ups for an interaction, in order. */
  interactionResponses(interactionId: string): InteractionResponseRecord[] {
    return this.#ctx.interactions.get(interactionId)?.record.responses ?? [];
  }

  get interactions(): InteractionRecord[] {
    return this.#ctx.interactions.all().map((s) => s.record);
  }

  /** Threads ever created (including archived, locked and deleted ones). */
  get threads(): ThreadRecord[] {
    return this.#world.threadRecords();
  }

  /** Sends answered with an existing message because `nonce` + `enforce_nonce` matched. */
  get deduplicatedSends(): readonly DeduplicatedSend[] {
    return this.#ctx.messages.deduplicated;
  }

  /** Gateway frames in and out (op -1 marks a close, with `closeCode`). */
  get gatewayLog(): readonly GatewayLogEntry[] {
    return this.#ctx.gateway.log;
  }

  /** Identified sessions with an open socket. */
  get connectedSessions(): number {
    return this.#ctx.gateway.connectedSessions;
  }

  /** Polls `predicate` every 10 ms until it returns a value other than undefined/null/false (gives up after 30 s). */
  waitFor<T>(
    predicate: () => T | undefined | null | false,
    timeoutMs = 30_000,
    description?: string,
  ): Promise<T> {
    return waitFor(predicate, timeoutMs, description);
  }
}
