// Voice answers in the engine: a clip is kept as pending work, transcribed by a job, and its
// transcript joins the draft for the candidate to check before submitting. Nothing is lost on the way.
import { describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { InboundEvent } from "../../src/core/model/inbound-event.ts";
import { MAX_VOICE_BYTES } from "../../src/core/model/voice.ts";
import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { inbound, ManualClock, makeEngine } from "../support/engine-harness.ts";
import { ScriptedVoice } from "../support/scripted-voice.ts";

const conversation = "discord:guild:voice" as ConversationKey;
const STORY =
  "At the library I cut the queue for book returns from 40 minutes to 10 by adding a self-service desk.";

function voiceMessage(
  url: string,
  options: {
    text?: string;
    size?: number;
    durationSecs?: number;
    eventId?: string;
    contentType?: string;
  } = {},
): InboundEvent {
  const base = inbound.message(conversation, options.text ?? "", options.eventId);
  return {
    ...base,
    attachments: [
      {
        name: "voice-message.ogg",
        contentType: options.contentType ?? "audio/ogg",
        size: options.size ?? 20_000,
        url,
        ...(options.durationSecs === undefined ? {} : { durationSecs: options.durationSecs }),
      },
    ],
  } as InboundEvent;
}

async function started(voice: ScriptedVoice, extra: Parameters<typeof makeEngine>[0] = {}) {
  const harness = makeEngine({ voice, ...extra });
  await harness.engine.handle(inbound.start(conversation));
  return harness;
}

describe("voice answers", () => {
  it("transcribes a clip into the draft, shows the transcript, and submits it with its timing", async () => {
    const voice = new ScriptedVoice().say(STORY, 40);
    const { engine, sender } = await started(voice);
    await engine.handle(voiceMessage("https://cdn.example/voice-1.ogg", { durationSecs: 40 }));
    await engine.idle();
    expect(voice.fetched).toEqual(["https://cdn.example/voice-1.ogg"]);
    const texts = sender.texts();
    expect(texts.some((text) => /Got your voice message \(0:40\)/.test(text))).toBe(true);
    expect(texts.some((text) => text.includes(STORY))).toBe(true);
    const session = await engine.current(conversation);
    expect(session?.turn?.transcribing).toBeUndefined();
    expect(session?.turn?.draft).toEqual([
      expect.objectContaining({ text: STORY, spoken: expect.objectContaining({ durationMs: 40_000 }) }),
    ]);
    await engine.handle(inbound.action(conversation, "submit"));
    await engine.idle();
    const after = await engine.current(conversation);
    expect(after?.answers[0]?.parts[0]?.text).toBe(STORY);
  });

  it("refuses to submit while a clip is still being transcribed, then keeps typed text after it", async () => {
    const voice = new ScriptedVoice();
    const release = voice.hold(STORY, 30);
    const { engine, sender, clock } = await started(voice);
    await engine.handle(voiceMessage("https://cdn.example/held.ogg"));
    clock.advance(5_000);
    await engine.handle(inbound.message(conversation, "And the fines fell by half."));
    await engine.handle(inbound.action(conversation, "submit"));
    expect(sender.texts().at(-1)).toMatch(/still being transcribed/);
    expect((await engine.current(conversation))?.answers).toEqual([]);
    release();
    await engine.idle();
    const draft = (await engine.current(conversation))?.turn?.draft.map((message) => message.text);
    // The clip keeps its place: it was sent before the typed addition.
    expect(draft).toEqual([STORY, "And the fines fell by half."]);
  });

  it("refuses oversized and over-long clips before fetching anything", async () => {
    const voice = new ScriptedVoice();
    const { engine, sender } = await started(voice);
    await engine.handle(voiceMessage("https://cdn.example/big.ogg", { size: MAX_VOICE_BYTES + 1 }));
    expect(sender.texts().at(-1)).toMatch(/over 25 MB/);
    await engine.handle(voiceMessage("https://cdn.example/long.ogg", { durationSecs: 301 }));
    expect(sender.texts().at(-1)).toMatch(/5:01 long; voice answers can be up to 5 minutes/);
    await engine.idle();
    expect(voice.fetched).toEqual([]);
    expect((await engine.current(conversation))?.turn?.transcribing).toBeUndefined();
  });

  it("says why a clip could not be used and keeps the answer so far", async () => {
    const voice = new ScriptedVoice().fail("not-audio").fail("silent").fail("unavailable");
    voice.gone.add("https://cdn.example/gone.ogg");
    const { engine, sender } = await started(voice);
    await engine.handle(inbound.message(conversation, "My typed start."));
    for (const name of ["corrupt", "silence", "outage", "gone"])
      await engine.handle(voiceMessage(`https://cdn.example/${name}.ogg`));
    await engine.idle();
    const texts = sender.texts().join("\n");
    expect(texts).toMatch(/isn't audio I can read/);
    expect(texts).toMatch(/couldn't hear any speech/);
    expect(texts).toMatch(/transcription service isn't answering/);
    expect(texts).toMatch(/no longer available/);
    const turn = (await engine.current(conversation))?.turn;
    expect(turn?.draft.map((message) => message.text)).toEqual(["My typed start."]);
    expect(turn?.transcribing).toBeUndefined();
  });

  it("queues a clip delivered twice once", async () => {
    const voice = new ScriptedVoice().say(STORY).say("second transcript");
    const { engine } = await started(voice);
    const message = voiceMessage("https://cdn.example/twice.ogg", { eventId: "dup-1" });
    await engine.handle(message);
    await engine.handle(message);
    await engine.idle();
    expect(voice.transcribed).toHaveLength(1);
    expect((await engine.current(conversation))?.turn?.draft.map((m) => m.text)).toEqual([STORY]);
  });

  it("transcribes a clip that was in flight when the process died, after the restart", async () => {
    const clock = new ManualClock();
    const store = new MemorySessionStore({ clock });
    const first = new ScriptedVoice();
    first.hold("never returned");
    const dying = await started(first, { store, clock });
    await dying.engine.handle(voiceMessage("https://cdn.example/in-flight.ogg"));
    expect((await store.load(conversation))?.session.turn?.transcribing).toHaveLength(1);
    // A new process on the same store, its predecessor's job lost with it.
    const second = new ScriptedVoice().say(STORY);
    const restarted = makeEngine({ store, clock, voice: second });
    await restarted.engine.resume(conversation, false);
    await restarted.engine.idle();
    expect(second.fetched).toEqual(["https://cdn.example/in-flight.ogg"]);
    expect((await restarted.engine.current(conversation))?.turn?.draft.map((m) => m.text)).toEqual([STORY]);
  });

  it("drops a transcript that arrives after the candidate skipped the question", async () => {
    const voice = new ScriptedVoice();
    const release = voice.hold(STORY);
    const { engine } = await started(voice);
    await engine.handle(voiceMessage("https://cdn.example/late.ogg"));
    await engine.handle(inbound.action(conversation, "skip"));
    release();
    await engine.idle();
    const session = await engine.current(conversation);
    expect(session?.answers[0]?.status).toBe("skipped");
    expect(session?.turn?.draft).toEqual([]);
  });

  it("without a transcription provider, says voice needs one and records nothing", async () => {
    const { engine, sender } = makeEngine();
    await engine.handle(inbound.start(conversation));
    await engine.handle(voiceMessage("https://cdn.example/no-provider.ogg"));
    expect(sender.texts().at(-1)).toMatch(/Voice answers need a transcription service/);
    expect((await engine.current(conversation))?.turn?.transcribing).toBeUndefined();
  });

  it("refuses a transcript whose timing is out of shape instead of storing it", async () => {
    const voice = new ScriptedVoice();
    voice.replies.push({
      ok: true,
      clip: {
        text: STORY,
        timing: {
          durationMs: -5,
          speakingMs: 0,
          words: 3,
          fillers: 0,
          topFillers: [],
          hedges: 0,
          longPauses: [],
          spans: [],
        },
      },
    });
    const { engine, sender } = await started(voice);
    await engine.handle(voiceMessage("https://cdn.example/odd.ogg"));
    await engine.idle();
    expect(sender.texts().at(-1)).toMatch(/isn't audio I can read/);
    expect((await engine.current(conversation))?.turn?.draft).toEqual([]);
  });

  it("gives a spoken answer's delivery with its tip in practice mode's feedback after the answer", async () => {
    const voice = new ScriptedVoice().say(STORY, 30);
    const { engine, sender } = makeEngine({ voice });
    await engine.handle(inbound.start(conversation, { mode: "practice", probeLimit: 0 }));
    await engine.handle(voiceMessage("https://cdn.example/practice.ogg"));
    await engine.idle();
    await engine.handle(inbound.action(conversation, "submit"));
    await engine.idle();
    const feedback = sender.texts().find((text) => text.startsWith("Practice feedback"));
    // 20 words in 30 seconds: 40 words a minute, far too slow, and the tip says so.
    expect(feedback).toContain(
      "Delivery: 30 s spoken · 40 words a minute · 0 fillers per 100 words · no long pauses.",
    );
    expect(feedback).toContain("You spoke at 40 words a minute; aim for about 140.");
  });
});
