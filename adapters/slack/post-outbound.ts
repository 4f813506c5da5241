import type { webApi } from "@slack/bolt";
import type { OutboundMessage, Visibility } from "../../src/core/model/reply.ts";
import type { DeliveryOptions, Logger } from "../../src/core/ports/ports.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { parseSlackConversation, type SlackThread } from "./conversation-keys.ts";
import { renderSlackMessage, type SlackPayload } from "./render/index.ts";
import { describeSlackError, isPermanentSlackError } from "./slack-errors.ts";
import type { WorkspaceClients } from "./workspace-clients.ts";

/** Message keys (and their parts) posted by this process. */
const REMEMBERED_KEYS = 20_000;
/** Places already reported as gone, so a dead channel is logged once, not once per message. */
const REMEMBERED_FAILURES = 2_000;
/** The message metadata type every post carries, with the key of its outbox entry and part. */
export const POSTED_EVENT_TYPE = "secondround_message";
/** Thread replies read per page when checking before a redelivery (Slack pages them oldest first). */
const THREAD_PAGE_SIZE = 100;
/** Pages read at most: a thousand replies, far more than an interview thread holds. */
const THREAD_PAGES = 10;

/**
 * Posts the engine's messages into interview threads (`chat.postMessage` with `thread_ts`), or to
 * one person in the thread (`chat.postEphemeral`) for private notices.
 *
 * Slack's postMessage has no idempotency key, so every post carries its key (outbox entry and part
 * of a split message) as message metadata, and this process remembers what it posted: a retry
 * resumes after the last part that went out. A redelivery (after a crash, or by another process's
 * delivery sweep) may follow a process that posted and died before the delivery was recorded, so
 * it first reads the thread (`conversations.replies` with `include_all_metadata`) and skips the
 * parts already there. Ephemeral messages cannot be read back: a private note may repeat after a
 * crash (see docs/slack.md).
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

  send(message: OutboundMessage, options?: DeliveryOptions): Promise<void> {
    const key = message.idempotencyKey;
    if (this.#posted.has(key)) return Promise.resolve();
    // Two deliveries of one message at once (an inbound event and a resume) share one post.
    const running = this.#inFlight.get(key);
    if (running) return running;
    const delivery = this.#deliver(message, options?.redelivery === true).finally(() =>
      this.#inFlight.delete(key),
    );
    this.#inFlight.set(key, delivery);
    return delivery;
  }

  async #deliver(message: OutboundMessage, redelivery: boolean): Promise<void> {
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
    const payloads = renderSlackMessage(message);
    const unsure = payloads.some((_, part) => !this.#posted.has(partKey(key, part)));
    // Ephemeral messages are not in the thread's history: those cannot be checked.
    const inThread =
      redelivery && unsure && message.visibility.kind === "conversation"
        ? await this.#keysInThread(client, thread, message)
        : new Set<string>();
    for (const [part, payload] of payloads.entries()) {
      const posted = partKey(key, part);
      if (this.#posted.has(posted)) continue;
      if (inThread.has(posted)) {
        this.#posted.add(posted);
        continue;
      }
      try {
        await postPayload(client, thread, message.visibility, payload, posted);
      } catch (error) {
        if (!isPermanentSlackError(error)) throw error;
        this.#dropped(message, thread, describeSlackError(error));
        break;
      }
      this.#posted.add(posted);
    }
    this.#posted.add(key);
  }

  /**
   * The keys of the posts already in the thread, from their metadata. Slack's own trouble is thrown
   * (the message stays undelivered and is tried again later, never blindly); a thread that cannot
   * be read for good (a missing scope, the thread gone) leaves the decision to posting, which at
   * worst repeats the message.
   */
  async #keysInThread(
    client: webApi.WebClient,
    thread: SlackThread,
    message: OutboundMessage,
  ): Promise<Set<string>> {
    const keys = new Set<string>();
    let cursor: string | undefined;
    try {
      for (let page = 0; page < THREAD_PAGES; page += 1) {
        const replies = await client.conversations.replies({
          channel: thread.channelId,
          ts: thread.threadTs,
          include_all_metadata: true,
          limit: THREAD_PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        });
        for (const reply of replies.messages ?? []) {
          const key = postedKey(reply.metadata);
          if (key) keys.add(key);
        }
        cursor = replies.response_metadata?.next_cursor;
        if (!replies.has_more || !cursor) return keys;
      }
    } catch (error) {
      if (!isPermanentSlackError(error)) throw error;
      this.#uncheckable(message, thread, describeSlackError(error));
      return keys;
    }
    this.#uncheckable(message, thread, "thread_too_long");
    return keys;
  }

  #uncheckable(message: OutboundMessage, thread: SlackThread, reason: string): void {
    const fields = { conversation: message.conversation, idempotencyKey: message.idempotencyKey, reason };
    const place = `check:${thread.teamId}:${thread.channelId}:${reason}`;
    if (this.#reported.add(place))
      this.#logger.warn("slack thread not checked before a redelivery: posting may repeat", fields);
    else this.#logger.debug("slack thread not checked before a redelivery: posting may repeat", fields);
  }

  #dropped(message: OutboundMessage, thread: SlackThread, reason: string): void {
    const fields = { conversation: message.conversation, idempotencyKey: message.idempotencyKey, reason };
    const place = `${thread.teamId}:${thread.channelId}:${reason}`;
    if (this.#reported.add(place)) this.#logger.warn("slack message dropped: cannot post there", fields);
    else this.#logger.debug("slack message dropped: cannot post there", fields);
  }
}

function partKey(key: string, part: number): string {
  return `${key}#${part}`;
}

/** The key a post of ours carries in its metadata, or null for anything else. */
function postedKey(metadata: { event_type?: string; event_payload?: object } | undefined): string | null {
  if (metadata?.event_type !== POSTED_EVENT_TYPE) return null;
  const key = (metadata.event_payload as { key?: unknown } | undefined)?.key;
  return typeof key === "string" ? key : null;
}

async function postPayload(
  client: webApi.WebClient,
  thread: SlackThread,
  visibility: Visibility,
  payload: SlackPayload,
  key: string,
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
    // Read back by a redelivery; visible to apps that read the thread, so it holds only the key.
    metadata: { event_type: POSTED_EVENT_TYPE, event_payload: { key } },
  });
}
