// `/audio FILE` in the terminal: the named recording is read from disk by the transcription job
// and its transcript becomes the answer; a wrong path or a non-audio name is refused on the spot and
// nothing reaches the interview.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { practiceCommand } from "../../src/cli/practice-command.ts";
import type { Transcriber, Transcription } from "../../src/core/ports/transcriber.ts";
import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { eventually } from "../support/eventually.ts";
import { memoryRuntime } from "../support/memory-runtime.ts";
import { spokenClip } from "../support/scripted-voice.ts";

const STORY =
  "In my placement year I rewrote the onboarding checklist for new nurses and cut the first week's missed tasks from nine to two.";

class FileTranscriber implements Transcriber {
  readonly name = "file";
  readonly received: { name: string; bytes: Uint8Array; contentType: string | null }[] = [];
  async transcribe(audio: {
    bytes: Uint8Array;
    name: string;
    contentType: string | null;
  }): Promise<Transcription> {
    this.received.push(audio);
    return { ok: true, clip: spokenClip(STORY, 35) };
  }
}

describe("answering aloud in the terminal", () => {
  it("sends a named recording as the answer and refuses a missing or non-audio file", async () => {
    const folder = mkdtempSync(join(tmpdir(), "sr-audio-"));
    const recording = join(folder, "my answer.wav");
    const bytes = new Uint8Array(3_000).map((_, index) => index % 200);
    writeFileSync(recording, bytes);
    writeFileSync(join(folder, "notes.txt"), "not audio");
    const store = new MemorySessionStore();
    const transcriber = new FileTranscriber();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString("utf8");
    });
    const done = practiceCommand(
      [
        "--role",
        "Nurse",
        "--company",
        "NHS",
        "--session",
        "audio",
        "--name",
        "Ada",
        "--probes",
        "0",
        "--stage",
        "first",
      ],
      memoryRuntime(store, transcriber),
      { input, output },
    );
    await eventually(() => /Question 1 of/.test(printed), 20_000, "the first question");
    input.write(`/audio ${join(folder, "missing.wav")}\n`);
    input.write(`/audio ${join(folder, "notes.txt")}\n`);
    input.write(`/audio "${recording}"\n`);
    await eventually(() => printed.includes(STORY), 20_000, "the transcript");
    expect(printed).toMatch(/There is no file at .*missing\.wav/);
    expect(printed).toMatch(/notes\.txt isn't a recording I can read/);
    expect(transcriber.received).toHaveLength(1);
    expect(transcriber.received[0]?.name).toBe("my answer.wav");
    expect(transcriber.received[0]?.contentType).toBe("audio/wav");
    expect([...(transcriber.received[0]?.bytes ?? [])]).toEqual([...bytes]);
    input.write("\n");
    await eventually(() => /Answer recorded/.test(printed), 20_000, "the answer recorded");
    const session = (await store.load("terminal:audio"))?.session;
    expect(session?.answers[0]?.parts[0]?.text).toBe(STORY);
    input.end();
    expect(await done).toBe(0);
  });
});
