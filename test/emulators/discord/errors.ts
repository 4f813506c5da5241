// Discord's JSON error bodies. discord.js parses an error body only when Content-Type starts with application/json
// (@discordjs/rest dist/index.js:296-301) and turns `{code, message, errors}` into DiscordAPIError, so every failure the
// emulator produces goes through DiscordHttpError and is answered as JSON.
// Codes: discord-api-docs developers/topics/opcodes-and-status-codes.mdx.

export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  CannotEditOtherUsersMessage: 50005,
  CannotSendEmptyMessage: 50006,
  MissingAccess: 50001,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
  InteractionAlreadyAcknowledged: 40060,
  ThreadArchived: 50083,
} as const;

/** Discord's nested `errors` tree: field path segments down to `{ _errors: [{code, message}] }`. */
export type ErrorTree = { [key: string]: ErrorTree | FieldError[] };
export type FieldError = { code: string; message: string };

export class DiscordHttpError extends Error {
  readonly status: number;
  /** null only for 429s, whose body has no `code`. */
  readonly code: number | null;
  readonly errors: ErrorTree | undefined;
  readonly headers: Record<string, string>;
  /** Why the emulator refused, for `discord.rejected`; the wire message stays Discord's own wording. */
  readonly reason: string;
  /** Extra body fields (429's `retry_after`, `global`). */
  readonly extraBody: Record<string, unknown>;

  constructor(
    status: number,
    code: number | null,
    message: string,
    options: {
      errors?: ErrorTree;
      reason?: string;
      headers?: Record<string, string>;
      extraBody?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.reason = options.reason ?? message;
    this.headers = options.headers ?? {};
    this.extraBody = options.extraBody ?? {};
  }

  body(): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.code === null ? {} : { code: this.code }),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extraBody,
    };
  }
}

export const unknownChannel = (reason?: string) =>
  new DiscordHttpError(404, ErrorCode.UnknownChannel, "Unknown Channel", { reason });
export const unknownMessage = (reason?: string) =>
  new DiscordHttpError(404, ErrorCode.UnknownMessage, "Unknown Message", { reason });
export const unknownUser = () => new DiscordHttpError(404, ErrorCode.UnknownUser, "Unknown User");
export const unknownMember = () => new DiscordHttpError(404, ErrorCode.UnknownMember, "Unknown Member");
/** Deliberately 404, not 401: a 401 makes @discordjs/rest drop its token for every later request (index.js:787). */
export const unknownWebhook = (reason?: string) =>
  new DiscordHttpError(404, ErrorCode.UnknownWebhook, "Unknown Webhook", { reason });
export const unknownInteraction = (reason?: string) =>
  new DiscordHttpError(404, ErrorCode.UnknownInteraction, "Unknown interaction", { reason });
export const alreadyAcknowledged = () =>
  new DiscordHttpError(
    400,
    ErrorCode.InteractionAlreadyAcknowledged,
    "Interaction has already been acknowledged.",
    {
      reason: "second interaction callback",
    },
  );
export const missingPermissions = (permission: string, why?: string) =>
  new DiscordHttpError(403, ErrorCode.MissingPermissions, "Missing Permissions", {
    reason: `missing permission ${permission}${why ? ` (${why})` : ""}`,
  });
export const missingAccess = () =>
  new DiscordHttpError(403, ErrorCode.MissingAccess, "Missing Access", {
    reason: "missing permission VIEW_CHANNEL",
  });
export const threadArchived = () =>
  new DiscordHttpError(400, ErrorCode.ThreadArchived, "Thread is archived", { reason: "thread is archived" });
export const emptyMessage = () =>
  new DiscordHttpError(400, ErrorCode.CannotSendEmptyMessage, "Cannot send an empty message", {
    reason: "empty message",
  });
export const notFoundRoute = (method: string, path: string) =>
  new DiscordHttpError(404, ErrorCode.General, "404: Not Found", {
    reason: `no emulated route for ${method} ${path}`,
  });
export const unauthorized = () =>
  new DiscordHttpError(401, ErrorCode.General, "401: Unauthorized", { reason: "wrong or missing bot token" });

/** 400 50035 with Discord's `errors` tree; `reason` summarises the first failing field for `discord.rejected`. */
export function invalidFormBody(errors: ErrorTree, reason: string): DiscordHttpError {
  return new DiscordHttpError(400, ErrorCode.InvalidFormBody, "Invalid Form Body", { errors, reason });
}

/** Adds `{code, message}` at a dotted path like `embeds.0.title` in an ErrorTree. */
export function addFieldError(tree: ErrorTree, path: readonly (string | number)[], error: FieldError): void {
  let node: ErrorTree = tree;
  for (const segment of path) {
    const key = String(segment);
    const next = node[key];
    if (next === undefined || Array.isArray(next)) {
      const created: ErrorTree = {};
      node[key] = created;
      node = created;
    } else {
      node = next;
    }
  }
  const existing = node._errors;
  if (Array.isArray(existing)) existing.push(error);
  else node._errors = [error];
}
