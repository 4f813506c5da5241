import { errorSummary } from "../model/error-summary.ts";
import type { Session } from "../model/session.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { MAX_VOICE_SECONDS, SpokenTimingSchema } from "../model/voice.ts";
import type { Logger } from "../ports/ports.ts";
import type { Transcriber, VoiceSource } from "../ports/transcriber.ts";
import { scopeOfConversation } from "./community-coaching.ts";

/** What transcribing a clip needs: the provider, and the adapter's way to fetch the clip again. */
export interface VoiceAnswers {
  readonly transcriber: Transcriber;
  readonly source: VoiceSource;
}

/** The most text a clip's transcript may be: far beyond anyone speaking for MAX_VOICE_SECONDS. */
const MAX_TRANSCRIPT_CHARS = MAX_VOICE_SECONDS * 40;

/**
 * Transcribes one pending clip of the session into the event that adds it to the draft, or says why
 * it could not be used. The audio is fetched, sent and dropped: it is never stored or logged. A
 * transcript that does not fit the model (timing out of shape, far too long) is refused as not audio
 * rather than stored unchecked. The transcriber retries a provider outage itself (with its circuit
 * breaker); what is left is said to the candidate, whose answer so far is kept.
 */
export async function transcribeVoice(
  voice: VoiceAnswers,
  session: Session,
  messageId: string,
  context: { readonly logger: Logger; readonly now: () => number },
): Promise<SessionEvent | null> {
  const clip = session.turn?.transcribing?.find((waiting) => waiting.messageId === messageId);
  if (!clip) return null;
  const failed = (problem: Extract<SessionEvent, { type: "voice-failed" }>["problem"]): SessionEvent => {
    context.logger.warn("a voice clip could not be used", { session: session.id, problem });
    return { type: "voice-failed", messageId, problem, at: context.now() };
  };
  const scope = scopeOfConversation(session.conversation);
  const fetched = await voice.source.download(scope, clip);
  if (!fetched.ok) return failed(fetched.problem);
  const started = context.now();
  const result = await voice.transcriber.transcribe({
    bytes: fetched.bytes,
    name: clip.name,
    contentType: clip.contentType,
  });
  if (!result.ok) return failed(result.problem);
  const timing = SpokenTimingSchema.safeParse(result.clip.timing);
  if (!timing.success || result.clip.text.length > MAX_TRANSCRIPT_CHARS) {
    context.logger.warn("a transcript was out of shape; refused", {
      session: session.id,
      cause: timing.success ? "too long" : errorSummary(timing.error),
    });
    return failed("not-audio");
  }
  context.logger.info("voice clip transcribed", {
    session: session.id,
    seconds: Math.round(timing.data.durationMs / 1000),
    tookMs: context.now() - started,
  });
  return {
    type: "voice-transcribed",
    messageId,
    clip: { text: result.clip.text, timing: timing.data },
    at: context.now(),
  };
}
