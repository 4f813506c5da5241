import { ConfigError, SessionCorruptError } from "../core/model/errors.ts";
import { type Session, SessionSchema } from "../core/model/session.ts";
import type { StoredSession } from "../core/ports/ports.ts";
import { type FieldCipher, openIfSealed } from "./field-cipher.ts";
import { decodeJson, encodeJson, type FieldKind } from "./field-codec.ts";

/**
 * Stores a session as a few hash fields rather than one JSON value, so that a turn rewrites only
 * what it changed: `core` (phase, turn, outbox…), `questions` (written once), one `a:<n>` per
 * answer, `report` at the end and `documents`. What changed is known without encoding anything:
 * transitions copy on write (see transition.ts), so an untouched part is the very same object as
 * before. The cost of an answer stays flat as the interview grows.
 */
export const VERSION_FIELD = "v";
/** Recent inbound event ids, kept in the session's own hash (see commit-script.ts). */
export const SEEN_FIELD = "seen";

/** A field's name, its encoding, and how many bytes it takes. */
export interface FieldWrite {
  readonly field: string;
  readonly value: string | Buffer;
}

export interface SessionWrite {
  readonly set: readonly FieldWrite[];
  readonly remove: readonly string[];
  /**
   * Each stored field after the write and its size as JSON (what it takes in the heap once
   * parsed, whatever its compression: see StoredSession.sizes).
   */
  readonly sizes: ReadonlyMap<string, number>;
}

/**
 * The fields to write and delete to turn `previous` (as stored) into `next`. A different
 * interview (a new one in the same conversation) is written whole. With a cipher every field is
 * sealed after encoding (see field-cipher.ts), bound to its conversation and field.
 */
export function encodeChanges(
  previous: StoredSession | null,
  next: Session,
  cipher?: FieldCipher,
): SessionWrite {
  const before = previous && previous.session.id === next.id ? previous.session : null;
  const sizes = new Map(before ? previous?.sizes : []);
  const set: FieldWrite[] = [];
  const write = (field: string, value: unknown, kind: FieldKind) => {
    const json = JSON.stringify(value);
    const plain = encodeJson(json, kind);
    const encoded = cipher ? cipher.seal(plain, fieldPlace(next.conversation, field)) : plain;
    set.push({ field, value: encoded });
    sizes.set(field, json.length);
  };
  const { answers, questions, report, documents, ...core } = next;
  write("core", core, "hot");
  if (questions !== before?.questions) write("questions", questions, "cold");
  answers.forEach((answer, index) => {
    if (answer !== before?.answers[index]) write(`a:${index}`, answer, "answer");
  });
  if (report !== null && report !== before?.report) write("report", report, "cold");
  if (documents !== null && documents !== before?.documents) write("documents", documents, "cold");
  const remove = previous ? [...previous.sizes.keys()].filter((field) => !isPresent(next, field)) : [];
  for (const field of remove) sizes.delete(field);
  return { set, remove, sizes };
}

/** Whether `field` belongs to the stored form of `session`. */
function isPresent(session: Session, field: string): boolean {
  if (field === "core" || field === "questions") return true;
  if (field === "report") return session.report !== null;
  if (field === "documents") return session.documents !== null;
  if (field.startsWith("a:")) return Number(field.slice(2)) < session.answers.length;
  return false;
}

/** Where a field's value belongs, as the cipher's associated data. */
export function fieldPlace(conversation: string, field: string): string {
  return `${conversation}\n${field}`;
}

/**
 * Reassembles and validates; anything malformed is a SessionCorruptError, never a crash. A value
 * sealed with a key that is not configured is a ConfigError naming the key.
 */
export function decodeSession(
  conversation: string,
  fields: ReadonlyMap<string, Buffer>,
  cipher?: FieldCipher,
): StoredSession {
  try {
    const sizes = new Map<string, number>();
    for (const [field, raw] of fields)
      if (field !== VERSION_FIELD && field !== SEEN_FIELD) sizes.set(field, raw.length);
    const decodeOptional = (field: string): unknown => {
      const raw = fields.get(field);
      if (raw === undefined) return null;
      const json = decodeJson(openIfSealed(raw, fieldPlace(conversation, field), cipher));
      sizes.set(field, json.length);
      return JSON.parse(json);
    };
    const core = decodeOptional("core");
    if (core === null) throw new Error('missing field "core"');
    if (typeof core !== "object" || Array.isArray(core)) throw new Error('field "core" is not an object');
    const answers: unknown[] = [];
    for (let index = 0; fields.has(`a:${index}`); index += 1) answers.push(decodeOptional(`a:${index}`));
    const candidate = {
      ...core,
      questions: decodeOptional("questions"),
      answers,
      report: decodeOptional("report"),
      documents: decodeOptional("documents"),
    };
    const parsed = SessionSchema.safeParse(candidate);
    if (!parsed.success) throw new SessionCorruptError(conversation, summariseIssues(parsed.error.issues));
    const storedVersion = readVersionField(conversation, fields.get(VERSION_FIELD));
    if (storedVersion !== null && storedVersion !== parsed.data.version) {
      throw new SessionCorruptError(
        conversation,
        `version field ${storedVersion} disagrees with state ${parsed.data.version}`,
      );
    }
    return { session: parsed.data, sizes };
  } catch (error) {
    if (error instanceof SessionCorruptError || error instanceof ConfigError) throw error;
    throw new SessionCorruptError(conversation, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

/** Digits only, as the commit script writes it; anything else could never match a commit's expected version. */
const VERSION_DIGITS = /^\d{1,15}$/;

/**
 * The version field, or null when there is none. A value that is not a non-negative integer is
 * corruption: left alone, every commit would fail its version check and look like a lost race.
 */
function readVersionField(conversation: string, raw: Buffer | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.toString("utf8");
  if (!VERSION_DIGITS.test(text)) {
    throw new SessionCorruptError(
      conversation,
      `version field ${JSON.stringify(text.slice(0, 40))} is not a version number`,
    );
  }
  return Number(text);
}

function summariseIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
