// chat.postMessage / update / postEphemeral / delete with Slack's checks, in Slack's order as far as it is known:
// channel, membership, blocks, content. Every accepted message is also logged as a SentMessage with the flags that
// decide notifications and unfurls, for the bot's safety assertions.
import { booleanArg, stringArg } from "../api-request.ts";
import { apiError } from "../api-response.ts";
import { checkMessageBlocks, messageTextLimit } from "../block-limits.ts";
import { nextMessageTs } from "../ids.ts";
import type { ApiArgs, ApiResult, Channel, SentMessage, SlackMessage } from "../types.ts";
import type { AuthedCall, AuthedMethod } from "./context.ts";

type Content = { text: string | undefined; blocks: unknown[] | undefined; truncated: boolean };

/** Validates `text` / `blocks`; an ApiResult means the call fails with it. */
function readContent(args: ApiArgs): Content | ApiResult {
  const violation = checkMessageBlocks(args.blocks);
  if (violation) return apiError(violation.error, violation.messages);
  const blocks = args.blocks as unknown[] | undefined;
  const rawText = stringArg(args, "text");
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if (!rawText && (blocks === undefined || blocks.length === 0) && !hasAttachments)
    return apiError("no_text");
  const truncated = rawText !== undefined && rawText.length > messageTextLimit;
  return { text: truncated ? rawText?.slice(0, messageTextLimit) : rawText, blocks, truncated };
}

function isContent(value: Content | ApiResult): value is Content {
  return !("ok" in value);
}

/** Slack keeps the first 40,000 characters and says so in a warning, still with `ok: true`. */
function truncationWarning(content: Content): Record<string, unknown> {
  return content.truncated
    ? { warning: "message_truncated", response_metadata: { warnings: ["message_truncated"] } }
    : {};
}

function resolveChannel({ args, workspace, state }: AuthedCall): Channel | ApiResult {
  const id = stringArg(args, "channel");
  const channel = id ? state.workspaces.resolveChannel(workspace, id) : undefined;
  if (!channel) return apiError("channel_not_found");
  return channel;
}

function isChannel(value: Channel | ApiResult): value is Channel {
  return !("ok" in value);
}

function logSent(
  call: AuthedCall,
  method: SentMessage["method"],
  message: { channel: string; ts: string; threadTs?: string; user?: string },
  content: Content,
): void {
  call.state.sent.push({
    method,
    ...message,
    text: content.text,
    blocks: content.blocks,
    hasText: Boolean(content.text),
    unfurlLinks: booleanArg(call.args, "unfurl_links"),
    unfurlMedia: booleanArg(call.args, "unfurl_media"),
    linkNames: booleanArg(call.args, "link_names"),
    parse: stringArg(call.args, "parse"),
  });
}

type Metadata = { event_type: string; event_payload: Record<string, unknown> };

const EVENT_TYPE = /^[A-Za-z0-9_-]+$/;

/**
 * Message metadata (docs.slack.dev/messaging/message-metadata): `event_type` of letters, digits, `_` and `-`, and an
 * `event_payload` object. A value that is not an object fails the call with `invalid_metadata_format`; an invalid
 * event type or payload is dropped and the message posted with an `invalid_metadata_schema` warning.
 */
function readMetadata(args: ApiArgs): { metadata?: Metadata; warning?: string } | ApiResult {
  const raw = args.metadata;
  if (raw === undefined || raw === "") return {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return apiError("invalid_metadata_format");
  const { event_type: type, event_payload: payload } = raw as Record<string, unknown>;
  const payloadIsObject = typeof payload === "object" && payload !== null && !Array.isArray(payload);
  if (typeof type !== "string" || !EVENT_TYPE.test(type) || !payloadIsObject)
    return { warning: "invalid_metadata_schema" };
  return { metadata: { event_type: type, event_payload: payload as Record<string, unknown> } };
}

function withoutChannel(message: SlackMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  return rest;
}

export const postMessage: AuthedMethod = (call) => {
  const channel = resolveChannel(call);
  if (!isChannel(channel)) return channel;
  if (!channel.isMember) return apiError("not_in_channel");
  const content = readContent(call.args);
  if (!isContent(content)) return content;
  const metadata = readMetadata(call.args);
  if ("ok" in metadata) return metadata;

  const { workspace, state } = call;
  const threadTs = stringArg(call.args, "thread_ts") || undefined;
  const broadcast = threadTs !== undefined && booleanArg(call.args, "reply_broadcast") === true;
  const message = state.messages.add({
    channel: channel.id,
    text: content.text ?? "",
    blocks: content.blocks,
    user: workspace.botUserId,
    bot_id: workspace.botId,
    app_id: workspace.appId,
    team: workspace.teamId,
    thread_ts: threadTs,
    subtype: broadcast ? "thread_broadcast" : undefined,
    metadata: metadata.metadata,
  });
  logSent(call, "chat.postMessage", { channel: channel.id, ts: message.ts, threadTs }, content);
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    message: withoutChannel(message),
    ...truncationWarning(content),
    ...(metadata.warning
      ? { warning: metadata.warning, response_metadata: { warnings: [metadata.warning] } }
      : {}),
  };
};

export const update: AuthedMethod = (call) => {
  const channel = resolveChannel(call);
  if (!isChannel(channel)) return channel;
  const ts = stringArg(call.args, "ts");
  const message = ts ? call.state.messages.find(channel.id, ts) : undefined;
  if (!message) return apiError("message_not_found");
  if (message.user !== call.workspace.botUserId) return apiError("cant_update_message");
  const content = readContent(call.args);
  if (!isContent(content)) return content;

  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) message.blocks = content.blocks;
  message.edited = { user: call.workspace.botUserId, ts: nextMessageTs() };
  logSent(call, "chat.update", { channel: channel.id, ts: message.ts, threadTs: message.thread_ts }, content);
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: withoutChannel(message),
    ...truncationWarning(content),
  };
};

export const postEphemeral: AuthedMethod = (call) => {
  const channel = resolveChannel(call);
  if (!isChannel(channel)) return channel;
  if (!channel.isMember) return apiError("not_in_channel");
  const user = stringArg(call.args, "user");
  if (!user || !call.workspace.users.has(user)) return apiError("user_not_in_channel");
  const content = readContent(call.args);
  if (!isContent(content)) return content;

  const threadTs = stringArg(call.args, "thread_ts") || undefined;
  const message = call.state.messages.addEphemeral({
    channel: channel.id,
    text: content.text ?? "",
    blocks: content.blocks,
    user: call.workspace.botUserId,
    bot_id: call.workspace.botId,
    team: call.workspace.teamId,
    thread_ts: threadTs,
    recipient: user,
  });
  logSent(call, "chat.postEphemeral", { channel: channel.id, ts: message.ts, threadTs, user }, content);
  return { ok: true, message_ts: message.ts, ...truncationWarning(content) };
};

export const deleteMessage: AuthedMethod = (call) => {
  const channel = resolveChannel(call);
  if (!isChannel(channel)) return channel;
  const ts = stringArg(call.args, "ts");
  const message = ts ? call.state.messages.find(channel.id, ts) : undefined;
  if (!message || !ts) return apiError("message_not_found");
  if (message.user !== call.workspace.botUserId) return apiError("cant_delete_message");
  call.state.messages.remove(channel.id, ts);
  return { ok: true, channel: channel.id, ts };
};
