// Channel history: every message the bot posted (and any a test seeded as a user's), keyed by channel and ts.
// A reply's `thread_ts` is stored as given, even when the root is unknown to the emulator: in real use the root is
// often a user's message that reached the bot only as an inbound event.
import { nextMessageTs } from "./ids.ts";
import type { MessageFields, SlackMessage } from "./types.ts";

/** Drops absent optional fields so stored messages look like Slack's, which omit rather than null them. */
function compact(message: MessageFields): MessageFields {
  return Object.fromEntries(
    Object.entries(message).filter(([, value]) => value !== undefined),
  ) as MessageFields;
}

export class MessageStore {
  readonly #byChannel = new Map<string, SlackMessage[]>();
  readonly #ephemeral = new Map<string, SlackMessage[]>();

  /** Assigns a fresh increasing ts and stores the message; updates the root's reply count for replies. */
  add(message: MessageFields): SlackMessage {
    const stored: SlackMessage = { type: "message", ...compact(message), ts: nextMessageTs() };
    const list = this.#byChannel.get(stored.channel) ?? [];
    list.push(stored);
    this.#byChannel.set(stored.channel, list);
    if (stored.thread_ts && stored.thread_ts !== stored.ts) {
      const root = this.find(stored.channel, stored.thread_ts);
      if (root) {
        root.reply_count = (root.reply_count ?? 0) + 1;
        root.latest_reply = stored.ts;
      }
    }
    return stored;
  }

  /** Ephemeral messages are never in history; they are kept apart so `messagesIn` matches what users see. */
  addEphemeral(message: MessageFields): SlackMessage {
    const stored: SlackMessage = { type: "message", ...compact(message), ts: nextMessageTs() };
    const list = this.#ephemeral.get(stored.channel) ?? [];
    list.push(stored);
    this.#ephemeral.set(stored.channel, list);
    return stored;
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    return this.#byChannel.get(channel)?.find((message) => message.ts === ts);
  }

  remove(channel: string, ts: string): boolean {
    const list = this.#byChannel.get(channel);
    const index = list?.findIndex((message) => message.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  /**
   * Without `threadTs`: the channel's top-level messages (thread replies excluded unless broadcast with
   * `reply_broadcast`), oldest first. With it: the replies in that thread, root excluded.
   */
  messagesIn(channel: string, threadTs?: string): SlackMessage[] {
    const list = this.#byChannel.get(channel) ?? [];
    if (threadTs === undefined)
      return list.filter(
        (message) =>
          !message.thread_ts || message.thread_ts === message.ts || message.subtype === "thread_broadcast",
      );
    return list.filter((message) => message.thread_ts === threadTs && message.ts !== threadTs);
  }

  ephemeralsIn(channel: string): SlackMessage[] {
    return [...(this.#ephemeral.get(channel) ?? [])];
  }
}
