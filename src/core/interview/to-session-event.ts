import type { AttachmentInfo, InboundEvent } from "../model/inbound-event.ts";
import type { SessionEvent } from "../model/session-events.ts";

/** What a message's attachments mean to the interview: a clip to transcribe, or files it does not read. */
function attachmentsOf(
  attachments: readonly AttachmentInfo[],
  voiceAnswers: boolean,
): Pick<Extract<SessionEvent, { type: "message-received" }>, "attachments" | "voiceClip"> {
  const audio = attachments.find((attachment) => isAudio(attachment));
  if (!audio) return { attachments: "files" };
  if (!voiceAnswers || audio.url === undefined) return { attachments: "voice" };
  const voiceClip = {
    source: audio.url,
    name: audio.name.slice(0, 200),
    contentType: audio.contentType,
    size: audio.size,
    durationSecs: audio.durationSecs ?? null,
  };
  // Other files sent with the clip are still not read, and the candidate is told so.
  return attachments.length > 1 ? { voiceClip, attachments: "files" } : { voiceClip };
}

function isAudio(attachment: AttachmentInfo): boolean {
  if (attachment.contentType?.startsWith("audio/")) return true;
  // Some clients send a voice note as video/webm or without a type; the name says what it is.
  return /\.(ogg|oga|opus|mp3|m4a|wav|webm|mpga|mpeg|flac|aac)$/i.test(attachment.name);
}

/**
 * Maps a transport's inbound event to the state machine's event (start is handled by the engine).
 * `voiceAnswers`: a transcription provider is configured, so an audio attachment is an answer.
 */
export function toSessionEvent(
  inbound: Exclude<InboundEvent, { type: "start" }>,
  at: number,
  voiceAnswers = false,
): SessionEvent {
  switch (inbound.type) {
    case "message": {
      const event = { type: "message-received", messageId: inbound.eventId, text: inbound.text, at } as const;
      const attachments = inbound.attachments ?? [];
      if (attachments.length === 0) return event;
      return { ...event, ...attachmentsOf(attachments, voiceAnswers) };
    }
    case "answer":
      return {
        type: "answer-received",
        messageId: inbound.eventId,
        turnId: inbound.turnId,
        text: inbound.text,
        at,
      };
    case "action":
      return inbound.turnId === undefined
        ? { type: "action-requested", action: inbound.action, at }
        : { type: "action-requested", action: inbound.action, turnId: inbound.turnId, at };
  }
}
