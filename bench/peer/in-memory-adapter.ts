import type { Adapter, ChatInstance, FetchResult, RawMessage, Root, ThreadInfo } from "chat";
import { Message } from "chat";

/**
 * The smallest platform adapter vercel/chat accepts: incoming messages enter through
 * `chat.processMessage`, exactly where a real adapter's webhook handler hands them over (dedupe,
 * lock, subscription check, handlers, unlock), and posts go nowhere. It does no markdown parsing
 * and no HTTP, so the figures are chat's state layer and not a platform's; SecondRound's engine is
 * driven the same way, below its platform adapters.
 *
 * Thread ids are "memory:<channel>:<thread>", the "<adapter>:<channel>:<thread>" shape chat uses.
 */
export class InMemoryAdapter implements Adapter<string, string> {
  readonly name = "memory";
  readonly userName = "coach";
  #chat: ChatInstance | null = null;
  #messageCounter = 0;
  #postCounter = 0;

  async initialize(chat: ChatInstance): Promise<void> {
    this.#chat = chat;
  }

  /** One incoming message, awaited until chat has finished with it (handlers and unlock). */
  async receive(threadId: string, text: string, isMention = false): Promise<void> {
    if (!this.#chat) throw new Error("InMemoryAdapter: chat.initialize() first");
    this.#messageCounter += 1;
    const message = new Message<string>({
      id: `m${this.#messageCounter}`,
      threadId,
      text,
      formatted: plainRoot(text),
      raw: text,
      author: { userId: "U1", userName: "sam", fullName: "Sam", isBot: false, isMe: false },
      metadata: { dateSent: new Date(), edited: false },
      attachments: [],
      isMention,
    });
    // processMessage returns the processing task itself; a webhook would hand it to waitUntil
    // and answer the platform at once, but the bench waits for it so latency is the real work.
    await this.#chat.processMessage(this, threadId, message);
  }

  async postMessage(threadId: string): Promise<RawMessage<string>> {
    this.#postCounter += 1;
    return { id: `p${this.#postCounter}`, threadId, raw: "" };
  }

  async editMessage(threadId: string, messageId: string): Promise<RawMessage<string>> {
    return { id: messageId, threadId, raw: "" };
  }

  async deleteMessage(): Promise<void> {}
  async addReaction(): Promise<void> {}
  async removeReaction(): Promise<void> {}
  async startTyping(): Promise<void> {}

  async fetchMessages(): Promise<FetchResult<string>> {
    return { messages: [] };
  }

  async fetchThread(threadId: string): Promise<ThreadInfo> {
    return { id: threadId, channelId: this.channelIdFromThreadId(threadId), metadata: {} };
  }

  async handleWebhook(): Promise<Response> {
    return new Response("not a webhook adapter", { status: 404 });
  }

  parseMessage(raw: string): Message<string> {
    throw new Error(`InMemoryAdapter builds messages in receive(), not from raw: ${raw.slice(0, 20)}`);
  }

  channelIdFromThreadId(threadId: string): string {
    return threadId.split(":").slice(0, 2).join(":");
  }

  encodeThreadId(platformData: string): string {
    return `memory:${platformData}`;
  }

  decodeThreadId(threadId: string): string {
    return threadId.slice("memory:".length);
  }

  renderFormatted(): string {
    return "";
  }
}

/** The mdast a one-paragraph plain-text message parses to, built directly (no markdown parser). */
function plainRoot(text: string): Root {
  return { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: text }] }] };
}
