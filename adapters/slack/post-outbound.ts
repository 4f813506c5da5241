import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/core/ports.ts";
import type { OutboundMessage, Visibility } from "../../src/core/reply.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { parseSlackConversation, type SlackThread } from "./conversation-keys.ts";
import { renderSlackMessage, type SlackPayload } from "./render/index.ts";
import { describeSlackError, isPermanentSlackError } from "./slack-errors.ts";
import type { WorkspaceClients } from "./workspace-clients.ts";

/** Message keys (and their parts) posted by this process. */
const REMEMBERED_KEYS = 20_000;
/** Places already reported as gone, so a dead channel is logged once, not once per message. */
const REMEMBERED_FAILURES = 2_000;

/**
 * Posts the engine's messages into interview threads (`chat.postMessage` with `thread_ts`), or to
 * one person in the thread (`chat.postEphemeral`) for private notices.
 *
 * Slack's postMessage has no idempotency key, so this process remembers what it posted, per part
 * of a split message: a retry resumes after the last part that went out. A crash between posting
 * and the engine recording the delivery can still repeat one message after a restart (see
 * docs/slack.md).
 *
 * Errors: a place that is gone or closed to the bot (channel_not_found, not_in_channel,
 * is_archived, token_revoked, …) is logged and the message dropped, because the engine would
 * otherwise retry it on every resume. Transient failures (Slack errors, HTTP 5xx, timeouts, rate
 * limits beyond the client's retries) are thrown, so the message stays in the outbox.
 */
export class SlackPoster {
  readonly #clients: WorkspaceClients;
  readonly #logger: Logger;
  readonly #posted = new BoundedSet(REMEMBERED_KEYS);
  readonly #reported = new BoundedSet(REMEMBERED_FAILURES);
  readonly #inFlight = new Map<string, Promise<void>>();

  constructor(clients: WorkspaceClients, logger: Logger) {
    this.#clients = clients;
    this.#logger = logger;
  }

  send(message: OutboundMessage): Promise<void> {
    const key = message.idempotencyKey;
    if (this.#posted.has(key)) return Promise.resolve();
    // Two deliveries of one message at once (an inbound event and a resume) share one post.
    const running = this.#inFlight.get(key);
    if (running) return running;
    const delivery = this.#deliver(message).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, delivery);
    return delivery;
  }

  async #deliver(message: OutboundMessage): Promise<void> {
    const key = message.idempotencyKey;
    const thread = parseSlackConversation(message.conversation);
    if (!thread) {
      this.#logger.error("slack message dropped: not a Slack conversation", {
        conversation: message.conversation,
      });
      this.#posted.add(key);
      return;
    }
    const client = await this.#clients.client(thread.teamId);
    if (!client) {
      this.#dropped(message, thread, "not_installed");
      this.#posted.add(key);
      return;
    }
    for (const [part, payload] of renderSlackMessage(message).entries()) {
      const partKey = `${key}#${part}`;
      if (this.#posted.has(partKey)) continue;
      try {
        await postPayload(client, thread, message.visibility, payload);
      } catch (error) {
        if (!isPermanentSlackError(error)) throw error;
        this.#dropped(message, thread, describeSlackError(error));
        break;
      }
      this.#posted.add(partKey);
    }
    this.#posted.add(key);
  }

  #dropped(message: OutboundMessage, thread: SlackThread, reason: string): void {
    const fields = { conversation: message.conversation, idempotencyKey: message.idempotencyKey, reason };
    const place = `${thread.teamId}:${thread.channelId}:${reason}`;
    if (this.#reported.add(place)) this.#logger.warn("slack message dropped: cannot post there", fields);
    else this.#logger.debug("slack message dropped: cannot post there", fields);
  }
}

async function postPayload(
  client: webApi.WebClient,
  thread: SlackThread,
  visibility: Visibility,
  payload: SlackPayload,
): Promise<void> {
  if (visibility.kind === "private") {
    // Ephemeral messages never unfurl; they take no unfurl flags.
    await client.chat.postEphemeral({
      channel: thread.channelId,
      user: visibility.userId,
      thread_ts: thread.threadTs,
      text: payload.text,
      blocks: payload.blocks,
    });
    return;
  }
  await client.chat.postMessage({
    channel: thread.channelId,
    thread_ts: thread.threadTs,
    text: payload.text,
    blocks: payload.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}
