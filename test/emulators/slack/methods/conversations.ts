// conversations.info and conversations.replies over the emulator's channels and stored messages. Channels are
// per team: another team's channel id answers `channel_not_found`, as with a real token.
import { booleanArg, stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import type { Channel, SlackMessage } from "../types.ts";
import type { AuthedMethod } from "./context.ts";

/** conversations.info needs the read scope of the conversation's type (docs.slack.dev, conversations.info). */
function readScopeFor(channel: Channel): string {
  if (channel.isIm) return "im:read";
  return channel.isPrivate ? "groups:read" : "channels:read";
}

export const conversationsInfo: AuthedMethod = ({ args, token, workspace, state }) => {
  const id = stringArg(args, "channel");
  const channel = id ? state.workspaces.resolveChannel(workspace, id) : undefined;
  if (!channel) return apiError("channel_not_found");
  const scopes = state.workspaces.scopes(token);
  const needed = readScopeFor(channel);
  if (!scopes.has(needed)) return apiError("missing_scope", [], { needed, provided: [...scopes].join(",") });
  // A private channel the app was not invited to is invisible to its token.
  if (channel.isPrivate && !channel.isIm && !channel.isMember) return apiError("channel_not_found");
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.isIm && !channel.isPrivate,
      is_group: !channel.isIm && channel.isPrivate,
      is_im: channel.isIm,
      is_private: channel.isPrivate,
      is_member: channel.isMember,
      is_archived: false,
      created: channel.created,
      user: channel.user,
    },
  };
};

/** conversations.replies' default (and here largest) page: `limit` defaults to 1000. */
const REPLIES_PAGE = 1000;

/** Cursors are opaque to clients; Slack's decode to `next_ts:<ts>`, the first message of the next page. */
function repliesCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`).toString("base64");
}

/**
 * Message metadata is returned whole only with `include_all_metadata`; without it a message shows at most its
 * `event_type` (as client libraries note; unverified against Slack).
 */
function withoutPayload(message: SlackMessage): SlackMessage {
  const metadata = message.metadata as { event_type?: unknown } | undefined;
  if (!metadata) return message;
  return { ...message, metadata: { event_type: metadata.event_type } };
}

/**
 * The root first, then its replies, oldest first, in pages of `limit` followed with `cursor` (so the newest replies
 * of a long thread are on its last page); `thread_not_found` when neither exists.
 */
export const conversationsReplies: AuthedMethod = ({ args, workspace, state }) => {
  const id = stringArg(args, "channel");
  const channel = id ? state.workspaces.resolveChannel(workspace, id) : undefined;
  if (!channel) return apiError("channel_not_found");
  const ts = stringArg(args, "ts");
  if (!ts) return apiError("thread_not_found");
  const root = state.messages.find(channel.id, ts);
  const replies = state.messages.messagesIn(channel.id, ts);
  if (!root && replies.length === 0) return apiError("thread_not_found");
  const thread = root ? [root, ...replies] : replies;
  const cursor = stringArg(args, "cursor");
  const start = cursor ? thread.findIndex((message) => repliesCursor(message.ts) === cursor) : 0;
  if (start < 0) return apiError("invalid_cursor");
  const limit = Math.min(
    Math.max(Math.trunc(Number(stringArg(args, "limit") ?? REPLIES_PAGE)) || 1, 1),
    REPLIES_PAGE,
  );
  const page = thread.slice(start, start + limit);
  const next = thread[start + limit];
  const withMetadata = booleanArg(args, "include_all_metadata") === true;
  return {
    ok: true,
    messages: withMetadata ? page : page.map(withoutPayload),
    has_more: next !== undefined,
    response_metadata: { next_cursor: next ? repliesCursor(next.ts) : "" },
  };
};
