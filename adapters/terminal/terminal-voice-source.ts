import { readFile, stat } from "node:fs/promises";
import { MAX_VOICE_BYTES } from "../../src/core/model/voice.ts";
import type { VoiceSource } from "../../src/core/ports/transcriber.ts";

/** Reads a recording the candidate named with `/audio FILE`, within the voice cap. */
export function terminalVoiceSource(): VoiceSource {
  return {
    async download(_scope, clip) {
      try {
        const { size } = await stat(clip.source);
        if (size > MAX_VOICE_BYTES) return { ok: false, problem: "too-large" };
        return { ok: true, bytes: new Uint8Array(await readFile(clip.source)) };
      } catch {
        // Moved or deleted since it was named.
        return { ok: false, problem: "gone" };
      }
    },
  };
}
