import { describe, expect, it } from "vitest";
import { inbound, makeEngine } from "../support/engine-harness.ts";

const conversation = "terminal:bad-input" as const;

async function startedEngine() {
  const harness = makeEngine();
  await harness.engine.handle(inbound.start(conversation));
  await harness.engine.handle(inbound.message(conversation, "My first point: we had 3 weeks."));
  return harness;
}

describe("bad input never loses what was already typed", () => {
  it("refuses a 100,000-character message with a clear message and keeps the draft", async () => {
    const { engine, sender } = await startedEngine();
    await engine.handle(inbound.message(conversation, "word ".repeat(20_000)));
    expect(sender.texts().at(-1)).toMatch(/100,000 characters, over the 4,000-character limit/);
    expect((await engine.current(conversation))?.turn?.draft.map((message) => message.text)).toEqual([
      "My first point: we had 3 weeks.",
    ]);
  });

  it("stops accepting messages once an answer reaches its total limit, keeping what fits", async () => {
    const { engine, sender } = await startedEngine();
    for (let index = 0; index < 3; index += 1)
      await engine.handle(inbound.message(conversation, "x".repeat(3_500)));
    expect(sender.texts().at(-1)).toMatch(/reached the 8,000-character limit/);
    expect((await engine.current(conversation))?.turn?.draft).toHaveLength(3);
  });

  it.each([
    ["NUL bytes", "I\u0000 fixed\u0000 it", "I fixed it"],
    ["zero-width and bidi characters", "I\u200b fixed\u202e it", "I fixed it"],
    ["zalgo", `I fixed it${"\u0336".repeat(300)}`, "I fixed it\u0336\u0336"],
  ])("cleans %s before storing", async (_label, raw, stored) => {
    const { engine } = await startedEngine();
    await engine.handle(inbound.message(conversation, raw));
    expect((await engine.current(conversation))?.turn?.draft.at(-1)?.text).toBe(stored);
  });

  it.each(["", "   ", "\u200b\u200d", "\u0000"])(
    "answers empty input %j with a notice and stores nothing",
    async (raw) => {
      const { engine, sender } = await startedEngine();
      await engine.handle(inbound.message(conversation, raw));
      expect(sender.texts().at(-1)).toMatch(/I can only read text/);
      expect((await engine.current(conversation))?.turn?.draft).toHaveLength(1);
    },
  );

  it("answers unknown commands with help and keeps the draft", async () => {
    const { engine, sender } = await startedEngine();
    await engine.handle(inbound.message(conversation, "/teleport"));
    expect(sender.texts().at(-1)).toMatch(/don't know the command \/teleport/);
    expect((await engine.current(conversation))?.turn?.draft).toHaveLength(1);
  });

  it("refuses a whole answer for a question already answered", async () => {
    const { engine, sender } = await startedEngine();
    await engine.handle(inbound.action(conversation, "submit"));
    await engine.handle(inbound.answer(conversation, "conflict-1", "A second go at question one."));
    expect(sender.texts().at(-1)).toMatch(/already been answered/);
  });

  it("treats a press of a stale button as already answered", async () => {
    const { engine, sender } = await startedEngine();
    await engine.handle(inbound.action(conversation, "submit", "conflict-1"));
    await engine.handle(inbound.action(conversation, "skip", "conflict-1"));
    expect(sender.texts().at(-1)).toMatch(/already been answered/);
    expect((await engine.current(conversation))?.answers.map((answer) => answer.status)).toEqual([
      "answered",
    ]);
  });

  it("keeps the outbox and delivers later when sending fails", async () => {
    const { engine, sender } = await startedEngine();
    sender.failNext = 1;
    await engine.handle(inbound.action(conversation, "submit"));
    const stored = await engine.current(conversation);
    expect(stored?.outbox.length).toBeGreaterThan(0);
    await engine.resume(conversation, false);
    expect(sender.texts().some((text) => text.startsWith("Answer recorded"))).toBe(true);
  });
});

describe("starting an interview", () => {
  it("explains invalid start options privately and creates nothing", async () => {
    const { engine, sender } = makeEngine();
    expect(await engine.handle(inbound.start(conversation, { questionCount: 40 }))).toBe("ignored");
    expect(sender.messages.at(-1)?.visibility).toEqual({ kind: "private", userId: "user-1" });
    expect(sender.texts().at(-1)).toMatch(/Those interview options don't work: questionCount/);
    expect(await engine.current(conversation)).toBeNull();
  });

  it("tells a candidate with an interview in progress how to carry on instead of starting another", async () => {
    const { engine, sender } = makeEngine();
    await engine.handle(inbound.start(conversation));
    const id = (await engine.current(conversation))?.id;
    await engine.handle(inbound.start(conversation));
    expect(sender.texts().at(-1)).toMatch(/already have an interview in progress/);
    expect((await engine.current(conversation))?.id).toBe(id);
  });
});

describe("attachments in the interview conversation", () => {
  const conversation = "discord:guild:attachments" as const;
  const withFiles = (text: string, contentType: string) => ({
    ...inbound.message(conversation, text),
    attachments: [{ name: "file", contentType, size: 1_000 }],
  });

  it("a voice message gets a clear reply and changes nothing", async () => {
    const { engine, sender } = makeEngine();
    await engine.handle(inbound.start(conversation));
    const before = await engine.current(conversation);
    await engine.handle(withFiles("", "audio/ogg"));
    expect(sender.texts().at(-1)).toMatch(/Voice answers need a transcription service/);
    expect((await engine.current(conversation))?.turn?.draft).toEqual(before?.turn?.draft);
  });

  it("a file with text keeps the text and says the file was not read", async () => {
    const { engine, sender } = makeEngine();
    await engine.handle(inbound.start(conversation));
    await engine.handle(withFiles("Here is my answer in words.", "application/pdf"));
    expect(sender.texts().some((text) => /the attached file was not used/.test(text))).toBe(true);
    expect((await engine.current(conversation))?.turn?.draft.map((message) => message.text)).toEqual([
      "Here is my answer in words.",
    ]);
  });
});
