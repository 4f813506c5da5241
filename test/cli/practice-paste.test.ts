import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { PasteTimers } from "../../adapters/terminal/terminal-bot.ts";
import { practiceCommand } from "../../src/cli/practice-command.ts";
import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { eventually } from "../support/eventually.ts";
import { memoryRuntime } from "../support/memory-runtime.ts";

const PARAGRAPH_ONE =
  "In my final year I ran the student radio station's move to a new studio with a team of six volunteers.";
const PARAGRAPH_TWO =
  "I planned the switch-over night by night, and as a result we were off air for 2 hours instead of the 3 days the union expected.";

/** Timers the test fires by hand: the paste window passes when the test says so, not by the clock. */
class ManualTimers implements PasteTimers {
  readonly pending = new Set<() => void>();
  setTimeout(callback: () => void): unknown {
    this.pending.add(callback);
    return callback;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as () => void);
  }
  fire(): void {
    for (const callback of [...this.pending]) {
      this.pending.delete(callback);
      callback();
    }
  }
}

describe("pasting into the terminal", () => {
  it("keeps a pasted two-paragraph answer as one answer; an empty line typed after it submits", async () => {
    const store = new MemorySessionStore();
    const timers = new ManualTimers();
    // An interactive terminal: the paste window applies (piped input has none).
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString("utf8");
    });
    const runtime = memoryRuntime(store);
    const done = practiceCommand(
      ["--role", "Producer", "--company", "BBC", "--session", "paste", "--name", "Ada", "--probes", "0"],
      runtime,
      { input, output, timers },
    );
    const conversation = "terminal:paste" as const;
    await eventually(() => /Question 1 of/.test(printed), 20_000, "the first question");

    // A paste arrives all at once: the blank line between the paragraphs is followed at once by more.
    input.write(`${PARAGRAPH_ONE}\n\n${PARAGRAPH_TWO}\n`);
    await eventually(
      async () => (await store.load(conversation))?.session.turn?.draft.length === 2,
      10_000,
      "both paragraphs in the draft",
    );
    expect((await store.load(conversation))?.session.answers).toHaveLength(0);
    expect(timers.pending.size).toBe(0);

    // The candidate then presses Enter on an empty line; nothing follows within the window.
    input.write("\n");
    await eventually(() => timers.pending.size === 1, 10_000, "the paste window to start");
    expect((await store.load(conversation))?.session.answers).toHaveLength(0);
    timers.fire();
    await eventually(() => /Answer recorded/.test(printed), 10_000, "the answer to be recorded");

    const session = (await store.load(conversation))?.session;
    expect(session?.answers).toHaveLength(1);
    expect(session?.answers[0]?.parts).toHaveLength(1);
    expect(session?.answers[0]?.parts[0]?.text).toBe(`${PARAGRAPH_ONE}\n${PARAGRAPH_TWO}`);
    expect(session?.currentIndex).toBe(1);
    expect(session?.turn?.draft).toEqual([]);

    input.end();
    expect(await done).toBe(0);
  });
});
