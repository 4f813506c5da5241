import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { practiceCommand } from "../../src/cli/practice-command.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { CommitRequest, CommitResult, EnqueueResult, QueuedEvent } from "../../src/core/ports/ports.ts";
import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { memoryRuntime } from "../support/memory-runtime.ts";

/** A store whose writes fail while `down` is set, like Redis during an outage. */
class FlakyStore extends MemorySessionStore {
  down = false;
  override async enqueue(conversation: ConversationKey, queued: QueuedEvent): Promise<EnqueueResult> {
    if (this.down) throw new StoreUnavailableError("Redis is unavailable: connection refused");
    return super.enqueue(conversation, queued);
  }
  override async commit(request: CommitRequest): Promise<CommitResult> {
    if (this.down) throw new StoreUnavailableError("Redis is unavailable: connection refused");
    return super.commit(request);
  }
}

describe("practice during a store outage", () => {
  it("says a line was not saved, keeps going, and loses nothing saved before", async () => {
    const store = new FlakyStore();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString("utf8");
    });
    const runtime = memoryRuntime(store);
    const done = practiceCommand(
      ["--role", "Analyst", "--company", "Acme", "--session", "outage", "--name", "Ada"],
      runtime,
      { input, output },
    );
    await until(() => /Question 1 of/.test(printed));
    input.write("First line, saved.\n");
    await until(async () => (await store.load("terminal:outage"))?.session.turn?.draft.length === 1);
    store.down = true;
    input.write("Second line, lost to the outage.\n");
    await until(() => /could not be saved just now/.test(printed));
    store.down = false;
    input.write("Second line again.\n");
    input.end();
    expect(await done).toBe(0);
    const session = (await store.load("terminal:outage"))?.session;
    expect(session?.turn?.draft.map((message) => message.text)).toEqual([
      "First line, saved.",
      "Second line again.",
    ]);
  });
});

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not reached within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
