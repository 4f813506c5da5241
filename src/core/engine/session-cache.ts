import { isAllDelivered } from "../interview/session-outbox.ts";
import type { ConversationKey } from "../model/conversation.ts";
import type { StoredSession } from "../ports/ports.ts";

/** What an engine last committed for a conversation, and which of its messages were delivered. */
export interface Known {
  readonly stored: StoredSession;
  readonly delivered: ReadonlySet<string>;
}

/**
 * A parsed session takes a little more heap than its JSON (objects, strings): the cache counts
 * each entry at this multiple of its size as JSON (StoredSession.sizes), plus a fixed cost. JSON,
 * not stored bytes, so how well the store compresses does not change what the cache holds. An
 * interview after ten answers: ~40 KB of JSON, ~50 KB counted, ~54 KB of heap (npm run bench).
 */
const HEAP_PER_JSON_BYTE = 1.25;
const ENTRY_OVERHEAD_BYTES = 2_048;
/** 64 MB by default: ~1,300 interviews at ten answers each, or ~6,000 just started. */
export const DEFAULT_SESSION_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The sessions this engine holds, so the common case costs one round trip (the commit). Bounded
 * by an estimate of the memory they take, least recently used out first; a finished interview
 * whose messages are all delivered is not kept at all, since nothing more will happen to it. A
 * copy that is missing or stale costs only a read or a conflict and a retry.
 */
export class SessionCache {
  readonly #entries = new Map<ConversationKey, { known: Known; bytes: number }>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes = DEFAULT_SESSION_CACHE_BYTES) {
    this.#maxBytes = maxBytes;
  }

  get(conversation: ConversationKey): Known | undefined {
    return this.#entries.get(conversation)?.known;
  }

  set(conversation: ConversationKey, known: Known): void {
    this.delete(conversation);
    if (isSettled(known)) return;
    const bytes = estimateBytes(known.stored);
    this.#entries.set(conversation, { known, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(conversation: ConversationKey): void {
    const entry = this.#entries.get(conversation);
    if (!entry) return;
    this.#entries.delete(conversation);
    this.#bytes -= entry.bytes;
  }

  /** Drops every entry the predicate picks (an erased member's or community's interviews). */
  deleteWhere(picks: (conversation: ConversationKey, known: Known) => boolean): number {
    let dropped = 0;
    for (const [conversation, entry] of this.#entries) {
      if (!picks(conversation, entry.known)) continue;
      this.delete(conversation);
      dropped += 1;
    }
    return dropped;
  }

  /** Drops everything (notices of erasures may have been missed). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Sessions held and the bytes they are counted at (metrics, benchmarks). */
  get size(): { readonly sessions: number; readonly bytes: number } {
    return { sessions: this.#entries.size, bytes: this.#bytes };
  }
}

function estimateBytes(stored: StoredSession): number {
  let bytes = ENTRY_OVERHEAD_BYTES;
  for (const size of stored.sizes.values()) bytes += size * HEAP_PER_JSON_BYTE;
  return bytes;
}

/** Finished, with every message delivered: nothing more will happen to it. */
function isSettled({ stored, delivered }: Known): boolean {
  const { session } = stored;
  return session.phase === "finished" && isAllDelivered(session.outbox, delivered);
}
