import { SessionCorruptError } from "../core/errors.ts";
import { type Session, SessionSchema } from "../core/session.ts";

/**
 * Stores a session as a few hash fields rather than one JSON value, so that a turn rewrites only
 * what it changed: `core` (phase, turn, outbox…), `questions` (written once), one `a:<n>` per
 * answer and `report` at the end. The cost of an answer stays flat as the interview grows.
 */
export const VERSION_FIELD = "v";

export function encodeSession(session: Session): Map<string, string> {
  const { answers, questions, report, ...core } = session;
  const fields = new Map<string, string>();
  fields.set("core", JSON.stringify(core));
  fields.set("questions", JSON.stringify(questions));
  answers.forEach((answer, index) => {
    fields.set(`a:${index}`, JSON.stringify(answer));
  });
  if (report !== null) fields.set("report", JSON.stringify(report));
  return fields;
}

/** Reassembles and validates; anything malformed is a SessionCorruptError, never a crash. */
export function decodeSession(conversation: string, fields: ReadonlyMap<string, string>): Session {
  try {
    const core = parseObject(fields.get("core"), "core");
    const answers: unknown[] = [];
    for (let index = 0; fields.has(`a:${index}`); index += 1) {
      answers.push(JSON.parse(fields.get(`a:${index}`) ?? "null"));
    }
    const reportField = fields.get("report");
    const candidate = {
      ...core,
      questions: JSON.parse(fields.get("questions") ?? "null"),
      answers,
      report: reportField === undefined ? null : JSON.parse(reportField),
    };
    const parsed = SessionSchema.safeParse(candidate);
    if (!parsed.success) throw new SessionCorruptError(conversation, summariseIssues(parsed.error.issues));
    const storedVersion = Number(fields.get(VERSION_FIELD));
    if (Number.isInteger(storedVersion) && storedVersion !== parsed.data.version) {
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
  previous: ReadonlyMap<string, string> | undefined,
  next: ReadonlyMap<string, string>,
): { changed: [string, string][]; removed: string[] } {
  const changed = [...next].filter(([field, value]) => previous?.get(field) !== value);
  const removed = previous
    ? [...previous.keys()].filter((field) => field !== VERSION_FIELD && !next.has(field))
    : [];
  return { changed, removed };
}

function parseObject(raw: string | undefined, field: string): Record<string, unknown> {
  if (raw === undefined) throw new Error(`missing field "${field}"`);
  const value: unknown = JSON.parse(raw);
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
