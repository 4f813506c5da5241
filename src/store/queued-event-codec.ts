import { ConfigError } from "../core/model/errors.ts";
import type { QueuedEvent } from "../core/ports/ports.ts";
import { type FieldCipher, openText, sealedTextKeyId, sealText } from "./field-cipher.ts";

/**
 * An inbox entry is the event id, a newline, then the JSON of the author and the event: the
 * commit script recognises an entry by its id prefix without decoding it. Platform ids never
 * contain a newline; one that did would only make its entry unrecognisable, and a commit
 * consuming it would conflict and read again.
 */
export function encodeQueuedEvent(queued: QueuedEvent, conversation?: string, cipher?: FieldCipher): string {
  const body = JSON.stringify({ author: queued.author, event: queued.event });
  if (conversation === undefined) return `${queued.eventId}\n${body}`;
  // The id stays in the clear: the scripts match entries by it. The message itself is sealed.
  return `${queued.eventId}\n${sealText(body, inboxPlace(conversation), cipher)}`;
}

function inboxPlace(conversation: string): string {
  return `${conversation}\ninbox`;
}

const NOBODY = { id: "", name: "" };

/**
 * An entry that does not decode (hand-edited, or written by an incompatible version) keeps its id
 * and gets a null event, so it is still consumed in its place instead of blocking the inbox.
 */
export function decodeQueuedEvent(raw: string, conversation?: string, cipher?: FieldCipher): QueuedEvent {
  const newline = raw.indexOf("\n");
  const eventId = newline < 0 ? raw : raw.slice(0, newline);
  try {
    const body = openText(raw.slice(newline + 1), inboxPlace(conversation ?? ""), cipher);
    const { author, event } = JSON.parse(body) as Partial<QueuedEvent>;
    if (typeof author?.id !== "string" || typeof event?.type !== "string" || typeof event.at !== "number")
      return { eventId, author: NOBODY, event: null };
    return { eventId, author, event };
  } catch (error) {
    // A missing key is the operator's to fix, not an entry to skip.
    if (error instanceof ConfigError) throw error;
    return { eventId, author: NOBODY, event: null };
  }
}

/**
 * The entry sealed with the cipher's current key (rotate-key), or the entry itself when it is not
 * sealed or already sealed with that key.
 */
export function resealQueuedEvent(raw: string, conversation: string, cipher: FieldCipher): string {
  const newline = raw.indexOf("\n");
  const body = raw.slice(newline + 1);
  const keyId = sealedTextKeyId(body);
  if (newline < 0 || keyId === null || keyId === cipher.currentKeyId) return raw;
  const place = inboxPlace(conversation);
  return `${raw.slice(0, newline)}\n${sealText(openText(body, place, cipher), place, cipher)}`;
}
