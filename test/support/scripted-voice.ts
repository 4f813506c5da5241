import type { VoiceAnswers } from "../../src/core/engine/transcribe-voice.ts";
import type { SpokenClip, SpokenTiming } from "../../src/core/model/voice.ts";
import type { Transcriber, Transcription, VoiceSource } from "../../src/core/ports/transcriber.ts";

/** A spoken clip's timing for tests: `words` words over `seconds`, no pauses, one span over the text. */
export function spokenClip(text: string, seconds: number): SpokenClip {
  const words = text.split(/\s+/).filter(Boolean).length;
  const timing: SpokenTiming = {
    durationMs: seconds * 1000,
    speakingMs: seconds * 1000,
    words,
    fillers: 0,
    topFillers: [],
    hedges: 0,
    longPauses: [],
    spans: [[0, text.length, 0, seconds * 1000]],
  };
  return { text, timing };
}

/**
 * Voice answers for engine tests: the source serves bytes per URL (or says the file is gone), the
 * transcriber answers what the test scripts per clip, in order, and both record what they were asked.
 * A reply can be held until released, to look at the interview while a transcription is in flight.
 */
export class ScriptedVoice implements VoiceAnswers {
  readonly fetched: string[] = [];
  readonly transcribed: { name: string; bytes: number }[] = [];
  readonly replies: (Transcription | (() => Promise<Transcription>))[] = [];
  readonly gone = new Set<string>();

  readonly source: VoiceSource = {
    download: async (_scope, clip) => {
      this.fetched.push(clip.source);
      if (this.gone.has(clip.source)) return { ok: false, problem: "gone" };
      return { ok: true, bytes: new TextEncoder().encode(`audio of ${clip.source}`) };
    },
  };

  readonly transcriber: Transcriber = {
    name: "scripted",
    transcribe: async (audio) => {
      this.transcribed.push({ name: audio.name, bytes: audio.bytes.length });
      const reply = this.replies.shift();
      if (reply === undefined) throw new Error("no transcription scripted");
      return typeof reply === "function" ? reply() : reply;
    },
  };

  say(text: string, seconds = 30): this {
    this.replies.push({ ok: true, clip: spokenClip(text, seconds) });
    return this;
  }

  fail(problem: Extract<Transcription, { ok: false }>["problem"]): this {
    this.replies.push({ ok: false, problem });
    return this;
  }

  /** A reply that waits until the returned function is called. */
  hold(text: string, seconds = 30): () => void {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.replies.push(async () => {
      await released;
      return { ok: true, clip: spokenClip(text, seconds) };
    });
    return release;
  }
}
