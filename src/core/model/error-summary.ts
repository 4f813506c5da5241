import { SecondRoundError } from "./errors.ts";

/**
 * An error as the logs may show it. Our own errors' messages are written to be logged. Anything
 * else (a provider's error, a parser's, a bug) is described by its name, status, codes and where
 * it was thrown, never its message: providers echo the request in their messages (the candidate's
 * answer, a CV), and schema errors and V8's own messages may quote the value they rejected.
 */
export function errorSummary(error: unknown): string {
  if (error instanceof SecondRoundError) {
    const cause = error.cause === undefined ? "" : ` (cause: ${foreignErrorSummary(error.cause)})`;
    return `${error.name}: ${error.message}${cause}`;
  }
  return foreignErrorSummary(error);
}

function foreignErrorSummary(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const details = error as { status?: unknown; code?: unknown; type?: unknown; issues?: unknown };
  const parts = [error.name];
  if (typeof details.status === "number") parts.push(String(details.status));
  for (const field of [details.code, details.type]) if (typeof field === "string") parts.push(field);
  if (Array.isArray(details.issues)) parts.push(details.issues.map(issueSummary).join(", "));
  const origin = /\n\s+at (.+)/.exec(error.stack ?? "")?.[1];
  // Where it was thrown says what a message would (V8's messages may quote a value: "on string '…'").
  if (origin) parts.push(`at ${origin}`);
  return parts.join(" ");
}

/** A schema issue's place and kind ("scorable: invalid_type"), never the value it saw. */
function issueSummary(issue: unknown): string {
  const { path, code } = issue as { path?: unknown; code?: unknown };
  const where = Array.isArray(path) ? path.join(".") : "";
  return `${where}: ${typeof code === "string" ? code : "invalid"}`;
}
