import { ConfigError } from "../core/model/errors.ts";
import type { QueuedEvent } from "../core/ports/ports.ts";
import { type FieldCipher, openIfSealed, sealedKeyId } from "./field-cipher.ts";

/** Marks a sealed entry body (base64 after it); JSON never starts with it. */
const SEALED_BODY = "~";

/**
 * An inbox entry is the event id, a newline, then the JSON of the author and the event: the
 * commit script recognises an entry by its id prefix without decoding it. Platform ids never
 * contain a newline; one that did would only make its entry unrecognisable, and a commit
 * consuming it would conflict and read again.
 */
export function encodeQueuedEvent(queued: QueuedEvent, conversation?: string, cipher?: FieldCipher): string {
  const body = JSON.stringify({ author: queued.author, event: queued.event });
  if (!cipher || conversation === undefined) return `${queued.eventId}\n${body}`;
  // The id stays in the clear: the scripts match entries by it. The message itself is sealed.
  return `${queued.eventId}\n${SEALED_BODY}${cipher.seal(body, inboxPlace(conversation)).toString("base64")}`;
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
    let body = raw.slice(newline + 1);
    if (body.startsWith(SEALED_BODY)) {
      const sealed = Buffer.from(body.slice(SEALED_BODY.length), "base64");
      body = openIfSealed(sealed, inboxPlace(conversation ?? ""), cipher).toString("utf8");
    }
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
  if (newline < 0 || !body.startsWith(SEALED_BODY)) return raw;
  const sealed = Buffer.from(body.slice(SEALED_BODY.length), "base64");
  if (sealedKeyId(sealed) === cipher.currentKeyId) return raw;
  const plain = cipher.open(sealed, inboxPlace(conversation));
  return `${raw.slice(0, newline)}\n${SEALED_BODY}${cipher.seal(plain, inboxPlace(conversation)).toString("base64")}`;
}
