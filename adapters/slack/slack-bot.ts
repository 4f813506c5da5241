import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type App, ErrorCode } from "@slack/bolt";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { ConfigError } from "../../src/core/model/errors.ts";
import type { OutboundMessage } from "../../src/core/model/reply.ts";
import type { ChatBot } from "../../src/core/ports/chat-bot.ts";
import type { DeliveryOptions } from "../../src/core/ports/ports.ts";
import type { SecretStore } from "../../src/core/ports/secret-store.ts";
import { SlackAdminCheck } from "./admin-check.ts";
import { registerBlockActions } from "./block-actions.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { parseSlackConversation } from "./conversation-keys.ts";
import { createBoltApp, type SlackBotOptions, webClientOptions } from "./create-bolt-app.ts";
import { SecretInstallationStore } from "./installation-store.ts";
import { registerInterviewCommand } from "./interview-command.ts";
import { NotInstalledReplies } from "./not-installed.ts";
import { SlackPoster } from "./post-outbound.ts";
import { registerPrivacyActions } from "./privacy-reply.ts";
import { registerRoundOneLogSubmission } from "./round-one-log-modal.ts";
import { registerSettingsFileUploads } from "./settings-file-upload.ts";
import { describeSlackError, slackErrorCode } from "./slack-errors.ts";
import { slackFileOrigins, slackVoiceSource } from "./slack-voice-source.ts";
import { socketModeConnected } from "./socket-mode-connection.ts";
import { registerStartSubmission } from "./start-interview.ts";
import { registerStoryBankActions } from "./story-bank-reply.ts";
import { classifyMessageEvent, registerThreadMessages } from "./thread-messages.ts";
import { registerUninstall } from "./uninstall.ts";
import { WorkspaceClients } from "./workspace-clients.ts";

/** What Bolt's error handler receives with `extendedErrorHandler` (the type is not exported). */
type ErrorHandlerArgs = Parameters<Parameters<App["error"]>[0]>[0];

/** Where Slack serves private files (url_private_download). */
/** How long `stop()` waits for listeners still working after their acknowledgement. */
const STOP_GRACE_MS = 10_000;
/** auth.test answers for a token that will never work. */
const REJECTED_TOKEN = new Set(["invalid_auth", "not_authed", "token_revoked", "account_inactive"]);
/** Replies read per catch-up; an interview thread rarely gets more while no process listens. */
const CATCH_UP_MESSAGES = 200;

export interface SlackBotExtras {
  /** Where OAuth installs (bot tokens) are kept, encrypted. */
  readonly secrets: SecretStore;
}

/**
 * SecondRound on Slack: `/interview` and its form, answers typed in the interview thread, buttons
 * under each question, uninstall = erasure. Transport only; every decision is the engine's, and
 * every inbound event reaches it with Slack's own id, which the engine claims exactly once in Redis
 * (so Slack's retries and several replicas behind one URL are safe).
 */
export class SlackBot implements ChatBot {
  readonly platform = "slack" as const;
  readonly #options: SlackBotOptions;
  readonly #services: ChatBotServices;
  readonly #app: App;
  readonly #clients: WorkspaceClients;
  readonly #poster: SlackPoster;
  readonly #inFlight = new Set<Promise<void>>();
  #server: Server | null = null;
  #started = false;

  constructor(options: SlackBotOptions, services: ChatBotServices, extras: SlackBotExtras) {
    this.#options = options;
    this.#services = services;
    const installations = options.oauth
      ? new SecretInstallationStore(extras.secrets, services.logger)
      : undefined;
    this.#app = createBoltApp(options, services.logger, installations, services.metrics);
    this.#clients = new WorkspaceClients({
      botToken: options.oauth ? undefined : options.botToken,
      installations,
      clientOptions: { ...webClientOptions(options, services.metrics), logger: this.#app.logger },
    });
    this.#poster = new SlackPoster(this.#clients, services.logger);
    const context: SlackBotContext = {
      services,
      logger: services.logger,
      fileOrigins: slackFileOrigins(options.apiUrl),
      admins: new SlackAdminCheck({
        usergroupIds: options.adminUsergroupIds ?? [],
        clientOptions: { ...webClientOptions(options, services.metrics), logger: this.#app.logger },
        clock: services.clock,
        logger: services.logger,
      }),
      track: (work) => this.#track(work),
    };
    services.voiceSources?.register(
      "slack",
      slackVoiceSource({ token: (teamId) => this.#clients.token(teamId), fileOrigins: context.fileOrigins }),
    );
    registerInterviewCommand(this.#app, context);
    registerStartSubmission(this.#app, context);
    registerRoundOneLogSubmission(this.#app, context);
    registerStoryBankActions(this.#app, context);
    registerThreadMessages(this.#app, context);
    registerSettingsFileUploads(this.#app, context);
    registerBlockActions(this.#app, context);
    registerPrivacyActions(this.#app, context);
    registerUninstall(this.#app, context, { secrets: extras.secrets, clients: this.#clients });
    const notInstalled = new NotInstalledReplies(services.logger);
    this.#app.error(async ({ error, body }: ErrorHandlerArgs) => {
      // No readable installation for the workspace: Bolt ran no listener, so someone is waiting for an
      // answer. Not awaited: Bolt acknowledges the request only after this handler returns.
      if (error.code === ErrorCode.AuthorizationError) {
        void this.#track(() => notInstalled.answer(body));
        return;
      }
      services.logger.error("slack listener failed", { error: describeSlackError(error) });
    });
  }

  /** Verifies the token (auth.test, single workspace), then listens (HTTP) or connects (Socket Mode). */
  async start(): Promise<void> {
    try {
      await this.#app.init();
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && REJECTED_TOKEN.has(code))
        throw new ConfigError(
          `Slack rejected SLACK_BOT_TOKEN (${code}); copy the Bot User OAuth Token again.`,
        );
      throw error;
    }
    if (this.#options.appToken) {
      await this.#app.start();
    } else {
      const server = await this.#app.start({
        port: this.#options.port,
        ...(this.#options.host ? { host: this.#options.host } : {}),
      });
      this.#server = server as Server;
    }
    this.#started = true;
  }

  send(message: OutboundMessage, options?: DeliveryOptions): Promise<void> {
    return this.#poster.send(message, options);
  }

  /**
   * After a restart: hands the engine the thread's replies since `since` (ms) that arrived while
   * no process was listening (Slack retries a failed delivery for a few minutes only). Replies
   * already processed are recognised by their claimed ids.
   */
  async catchUp(conversation: ConversationKey, since: number): Promise<void> {
    const thread = parseSlackConversation(conversation);
    if (!thread) return;
    const client = await this.#clients.client(thread.teamId);
    if (!client) return;
    const replies = await client.conversations.replies({
      channel: thread.channelId,
      ts: thread.threadTs,
      oldest: (since / 1000).toFixed(6),
      limit: CATCH_UP_MESSAGES,
    });
    for (const message of replies.messages ?? []) {
      const input = classifyMessageEvent({ ...message, channel: thread.channelId }, thread.teamId);
      if (input?.kind === "message") await this.#services.engine.handle(input.event);
    }
  }

  /** Started, and listening for Slack's requests (HTTP) or connected to Slack (Socket Mode). */
  get connected(): boolean {
    if (!this.#started) return false;
    return this.#server ? this.#server.listening : socketModeConnected(this.#app);
  }

  /** The HTTP port actually listened on (useful with port 0), or null in Socket Mode / before start. */
  get port(): number | null {
    const address = this.#server?.address();
    return address && typeof address === "object" ? (address as AddressInfo).port : null;
  }

  /** Resolves once every listener's work after its acknowledgement has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async stop(): Promise<void> {
    if (this.#started) {
      this.#started = false;
      this.#server?.closeIdleConnections();
      await this.#app.stop();
      this.#server = null;
    }
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  }

  #track(work: () => Promise<void>): Promise<void> {
    const running = work();
    this.#inFlight.add(running);
    void running.then(
      () => this.#inFlight.delete(running),
      () => this.#inFlight.delete(running),
    );
    return running;
  }
}
