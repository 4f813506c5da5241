import { deflateRawSync, inflateRawSync } from "node:zlib";
import { SessionCorruptError } from "../core/model/errors.ts";
import { type Session, SessionSchema } from "../core/model/session.ts";

/**
 * Stores a session as a few hash fields rather than one JSON value, so that a turn rewrites only
 * what it changed: `core` (phase, turn, outbox…), `questions` (written once), one `a:<n>` per
 * answer and `report` at the end. The cost of an answer stays flat as the interview grows.
 */
export const VERSION_FIELD = "v";

/** Fields at least this long are stored deflated: answers with feedback shrink to about a third. */
const COMPRESS_FROM_BYTES = 256;
/** First byte of a deflated field; plain fields are JSON and start with "{" or "[". */
const DEFLATED_MARKER = 0x01;

export type EncodedFields = Map<string, Buffer>;

export function encodeSession(session: Session): EncodedFields {
  const { answers, questions, report, documents, ...core } = session;
  const fields: EncodedFields = new Map();
  fields.set("core", encodeValue(core));
  fields.set("questions", encodeValue(questions));
  answers.forEach((answer, index) => {
    fields.set(`a:${index}`, encodeValue(answer));
  });
  if (report !== null) fields.set("report", encodeValue(report));
  // Documents are large and written once: their own field keeps them out of every turn's write.
  if (documents !== null) fields.set("documents", encodeValue(documents));
  return fields;
}

function encodeValue(value: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(value), "utf8");
  if (json.length < COMPRESS_FROM_BYTES) return json;
  return Buffer.concat([Buffer.of(DEFLATED_MARKER), deflateRawSync(json)]);
}

function decodeValue(raw: Buffer | undefined): unknown {
  if (raw === undefined) return null;
  const json =
    raw[0] === DEFLATED_MARKER ? inflateRawSync(raw.subarray(1), { maxOutputLength: 4 * 1024 * 1024 }) : raw;
  return JSON.parse(json.toString("utf8"));
}

/** Reassembles and validates; anything malformed is a SessionCorruptError, never a crash. */
export function decodeSession(conversation: string, fields: ReadonlyMap<string, Buffer>): Session {
  try {
    const core = parseObject(fields.get("core"), "core");
    const answers: unknown[] = [];
    for (let index = 0; fields.has(`a:${index}`); index += 1)
      answers.push(decodeValue(fields.get(`a:${index}`)));
    const candidate = {
      ...core,
      questions: decodeValue(fields.get("questions")),
      answers,
      report: decodeValue(fields.get("report")),
      documents: decodeValue(fields.get("documents")),
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
    return parsed.data;
  } catch (error) {
    if (error instanceof SessionCorruptError) throw error;
    throw new SessionCorruptError(conversation, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

/** Fields to write and to delete to turn `previous` into `next`. */
export function diffFields(
  previous: ReadonlyMap<string, Uint8Array> | undefined,
  next: ReadonlyMap<string, Buffer>,
): { changed: [string, Buffer][]; removed: string[] } {
  const changed = [...next].filter(([field, value]) => {
    const before = previous?.get(field);
    return before === undefined || Buffer.compare(before, value) !== 0;
  });
  const removed = previous
    ? [...previous.keys()].filter((field) => field !== VERSION_FIELD && !next.has(field))
    : [];
  return { changed, removed };
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

function parseObject(raw: Buffer | undefined, field: string): Record<string, unknown> {
  if (raw === undefined) throw new Error(`missing field "${field}"`);
  const value = decodeValue(raw);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`field "${field}" is not an object`);
  return value as Record<string, unknown>;
}

function summariseIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
