import type { OutboundMessage } from "../../src/core/model/reply.ts";
import type { MessageSender } from "../../src/core/ports/ports.ts";

/** Collects everything the engine sends, deduplicating by idempotency key as a transport must. */
export class RecordingSender implements MessageSender {
  readonly messages: OutboundMessage[] = [];
  readonly #seen = new Set<string>();
  failNext = 0;

  async send(message: OutboundMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error("scripted send failure");
    }
    if (this.#seen.has(message.idempotencyKey)) return;
    this.#seen.add(message.idempotencyKey);
    this.messages.push(message);
  }

  texts(): string[] {
    return this.messages.flatMap((message) =>
      message.replies.map((reply) =>
        reply.kind === "text" ? reply.text : `[report ${reply.report.overallScore}]`,
      ),
    );
  }
}
