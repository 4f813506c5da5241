import { describe, expect, it } from "vitest";
import { probeAudio } from "../../../src/coach/voice/probe-audio.ts";
import { MAX_VOICE_BYTES, MAX_VOICE_SECONDS } from "../../../src/core/model/voice.ts";
import { corruptAudio, oggOpusFile, wavFile } from "../../support/test-audio.ts";

describe("reading a clip before it is uploaded", () => {
  it("knows a Discord voice message by its bytes, whatever it was called", async () => {
    for (const contentType of ["audio/ogg", "application/octet-stream", null]) {
      expect(await probeAudio(oggOpusFile({ seconds: 3.3 }), contentType)).toEqual({
        ok: true,
        format: { extension: "ogg", mimeType: "audio/ogg" },
        durationSecs: expect.closeTo(3.3, 3),
      });
    }
  });

  it("knows a WAV recording", async () => {
    expect(await probeAudio(wavFile({ seconds: 2 }), "audio/x-wav")).toEqual({
      ok: true,
      format: { extension: "wav", mimeType: "audio/wav" },
      durationSecs: 2,
    });
  });

  it("reads a clip by its bytes when the platform labels it wrongly (Slack's clips say video/mp4)", async () => {
    for (const contentType of ["video/mp4", "audio/mp4", "audio/webm"]) {
      expect(await probeAudio(wavFile({ seconds: 2 }), contentType)).toMatchObject({
        ok: true,
        format: { extension: "wav" },
      });
    }
  });

  it.each([
    ["a PDF named .ogg", corruptAudio.pdfNamedOgg(), "audio/ogg"],
    ["a PDF", corruptAudio.pdfNamedOgg(), "application/pdf"],
    ["zeros claiming to be MP3", new Uint8Array(4_096), "audio/mpeg"],
    ["text claiming to be WebM", new TextEncoder().encode("not a recording at all"), "audio/webm"],
    ["nothing", new Uint8Array(0), "audio/ogg"],
  ])("refuses %s as not audio", async (_what, bytes, contentType) => {
    expect(await probeAudio(bytes, contentType)).toEqual({ ok: false, problem: "not-audio" });
  });

  it("refuses a clip over the length limit, and takes one at it", async () => {
    expect(await probeAudio(oggOpusFile({ seconds: MAX_VOICE_SECONDS + 1 }), "audio/ogg")).toEqual({
      ok: false,
      problem: "too-long",
    });
    expect((await probeAudio(oggOpusFile({ seconds: MAX_VOICE_SECONDS }), "audio/ogg")).ok).toBe(true);
  });

  it("refuses more bytes than the API takes before reading any of them", async () => {
    const big = new Uint8Array(MAX_VOICE_BYTES + 1);
    big.set(oggOpusFile({ seconds: 1 }));
    expect(await probeAudio(big, "audio/ogg")).toEqual({ ok: false, problem: "too-large" });
  });

  it("lets a damaged clip whose headers read through, for the provider to judge", async () => {
    // The headers of a cut-off voice message still read; the provider refuses its body (see the transcriber's tests).
    expect(await probeAudio(corruptAudio.truncatedOgg(), "audio/ogg")).toMatchObject({ ok: true });
  });
});
