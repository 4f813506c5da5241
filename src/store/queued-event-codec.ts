import type { QueuedEvent } from "../core/ports/ports.ts";

/**
 * An inbox entry is the event id, a newline, then the JSON of the author and the event: the
 * commit script recognises an entry by its id prefix without decoding it. Platform ids never
 * contain a newline; one that did would only make its entry unrecognisable, and a commit
 * consuming it would conflict and read again.
 */
export function encodeQueuedEvent(queued: QueuedEvent): string {
  return `${queued.eventId}\n${JSON.stringify({ author: queued.author, event: queued.event })}`;
}

const NOBODY = { id: "", name: "" };

/**
 * An entry that does not decode (hand-edited, or written by an incompatible version) keeps its id
 * and gets a null event, so it is still consumed in its place instead of blocking the inbox.
 */
export function decodeQueuedEvent(raw: string): QueuedEvent {
  const newline = raw.indexOf("\n");
  const eventId = newline < 0 ? raw : raw.slice(0, newline);
  try {
    const { author, event } = JSON.parse(raw.slice(newline + 1)) as Partial<QueuedEvent>;
    if (typeof author?.id !== "string" || typeof event?.type !== "string" || typeof event.at !== "number")
      return { eventId, author: NOBODY, event: null };
    return { eventId, author, event };
  } catch {
    return { eventId, author: NOBODY, event: null };
  }
}
