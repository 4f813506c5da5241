import type { InboundEvent } from "../model/inbound-event.ts";
import type { SessionEvent } from "../model/session-events.ts";

/** Maps a transport's inbound event to the state machine's event (start is handled by the engine). */
export function toSessionEvent(inbound: Exclude<InboundEvent, { type: "start" }>, at: number): SessionEvent {
  switch (inbound.type) {
    case "message": {
      const event = { type: "message-received", messageId: inbound.eventId, text: inbound.text, at } as const;
      const attachments = inbound.attachments ?? [];
      if (attachments.length === 0) return event;
      const voice = attachments.some((attachment) => attachment.contentType?.startsWith("audio/"));
      return { ...event, attachments: voice ? "voice" : "files" };
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
