// Interaction callbacks and the interaction webhook (receiving-and-responding.mdx). discord.js calls all of these with
// `auth: false`, always adds `?with_response=false` to callbacks, and sends `@original` percent-encoded.
import type { EmulatorContext } from "./context.ts";
import { addFieldError, type ErrorTree, invalidFormBody, unknownMessage } from "./errors.ts";
import type { InteractionState } from "./interaction-store.ts";
import { asArray, asObject, clone, type JsonObject, optionalNumber } from "./json.ts";
import { INTERACTION_MESSAGE_FLAGS, MessageFlag } from "./messages.ts";
import { messageObject } from "./payloads.ts";
import type { Route, RouteRequest, RouteResult } from "./rest-router.ts";
import type { InteractionResponseKind, RecordedMessage } from "./types.ts";

const CallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  Modal: 9,
} as const;

/** Callback types Discord accepts per interaction kind (receiving-and-responding.mdx:265-282). */
const ALLOWED_CALLBACKS: Record<string, readonly number[]> = {
  command: [4, 5, 9],
  button: [4, 5, 6, 7, 9],
  // 6/7 on a modal submit need the modal to have come from a message component; checked below.
  modal: [4, 5, 6, 7],
};

export function interactionRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: "POST",
      pattern: "/interactions/:id/:token/callback",
      auth: false,
      handle: (r) => callback(ctx, r),
    },
    { method: "POST", pattern: "/webhooks/:app/:token", auth: false, handle: (r) => followUp(ctx, r) },
    {
      method: "GET",
      pattern: "/webhooks/:app/:token/messages/:message",
      auth: false,
      handle: (r) => fetchOne(ctx, r),
    },
    {
      method: "PATCH",
      pattern: "/webhooks/:app/:token/messages/:message",
      auth: false,
      handle: (r) => editOne(ctx, r),
    },
    {
      method: "DELETE",
      pattern: "/webhooks/:app/:token/messages/:message",
      auth: false,
      handle: (r) => deleteOne(ctx, r),
    },
  ];
}

function record(
  state: InteractionState,
  request: RouteRequest,
  kind: InteractionResponseKind,
  extra: {
    callbackType?: number;
    messageId: string | null;
  },
): void {
  state.record.responses.push({
    at: Date.now(),
    kind,
    callbackType: extra.callbackType ?? null,
    body: clone(request.recorded.body),
    files: request.files,
    messageId: extra.messageId,
  });
}

function callback(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const { id = "", token = "" } = request.params;
  const now = Date.now();
  const state = ctx.interactions.forCallback(id, token, now);
  const type = optionalNumber(request.body.type) ?? 0;
  const data = asObject(request.body.data);
  const allowed = ALLOWED_CALLBACKS[state.record.kind] ?? [];
  const needsComponentMessage =
    type === CallbackType.DeferredUpdateMessage || type === CallbackType.UpdateMessage;
  if (!allowed.includes(type) || (needsComponentMessage && !state.componentMessageId)) {
    throw invalidFormBody(
      {
        type: {
          _errors: [{ code: "INTERACTION_RESPONSE_TYPE_INVALID", message: `Invalid callback type ${type}` }],
        },
      },
      `callback type ${type} is not valid for a ${state.record.kind} interaction`,
    );
  }
  let message: RecordedMessage | null = null;
  switch (type) {
    case CallbackType.ChannelMessageWithSource:
      message = createResponse(ctx, state, data, request, false);
      break;
    case CallbackType.DeferredChannelMessageWithSource: {
      const flags = optionalNumber(data.flags) ?? 0;
      // Type 5 accepts only EPHEMERAL (receiving-and-responding.mdx:299-304).
      if ((flags & ~MessageFlag.Ephemeral) !== 0) {
        throw invalidFormBody(
          { data: { flags: { _errors: [{ code: "INVALID_FLAGS", message: "Only EPHEMERAL may be set" }] } } },
          `defer with flags ${flags}`,
        );
      }
      message = createResponse(ctx, state, { flags }, request, true);
      state.deferredLoading = true;
      break;
    }
    case CallbackType.DeferredUpdateMessage:
      state.originalMessageId = state.componentMessageId;
      break;
    case CallbackType.UpdateMessage: {
      const target = ctx.world.messages.get(state.componentMessageId ?? "");
      if (!target || target.deleted) throw unknownMessage();
      message = ctx.messages.edit(target, data, request.files);
      state.originalMessageId = target.id;
      break;
    }
    case CallbackType.Modal:
      checkModal(data);
      break;
  }
  state.record.acknowledgedAt = now;
  record(state, request, "callback", { callbackType: type, messageId: message?.id ?? null });
  if (request.query.with_response !== "true") return { status: 204 };
  return {
    status: 200,
    body: {
      interaction: {
        id: state.record.id,
        type: state.record.type,
        response_message_id: message?.id,
        response_message_loading: type === CallbackType.DeferredChannelMessageWithSource,
        response_message_ephemeral: message ? (message.flags & MessageFlag.Ephemeral) !== 0 : undefined,
      },
      resource: { type, ...(message ? { message: messageObject(ctx.world, message) } : {}) },
    },
  };
}

/** The reply (type 4) or the deferred "thinking" placeholder (type 5) in the interaction's channel. */
function createResponse(
  ctx: EmulatorContext,
  state: InteractionState,
  body: JsonObject,
  request: RouteRequest,
  loading: boolean,
): RecordedMessage {
  const { message } = ctx.messages.create({
    channel: ctx.world.channels.get(state.record.channelId) ?? ctx.world.channel(state.record.channelId),
    author: ctx.world.bot,
    body,
    files: loading ? [] : request.files,
    source: "interaction",
    allowedFlags: INTERACTION_MESSAGE_FLAGS,
    extraFlags: loading ? MessageFlag.Loading : 0,
    interactionId: state.record.id,
    // 20 CHAT_INPUT_COMMAND for slash command responses; component and modal responses are plain messages.
    type: state.record.kind === "command" ? 20 : 0,
    skipValidation: loading,
  });
  state.originalMessageId = message.id;
  return message;
}

function checkModal(data: JsonObject): void {
  const tree: ErrorTree = {};
  const reasons: string[] = [];
  const add = (path: string[], message: string) => {
    addFieldError(tree, path, { code: "BASE_TYPE_BAD_LENGTH", message });
    reasons.push(`${path.join(".")}: ${message}`);
  };
  const title = typeof data.title === "string" ? [...data.title].length : 0;
  if (title < 1 || title > 45) add(["data", "title"], "Must be between 1 and 45 in length.");
  const customId = typeof data.custom_id === "string" ? data.custom_id.length : 0;
  if (customId < 1 || customId > 100) add(["data", "custom_id"], "Must be between 1 and 100 in length.");
  const components = asArray(data.components).length;
  if (components < 1 || components > 5) add(["data", "components"], "Must be between 1 and 5 in length.");
  if (reasons.length > 0) throw invalidFormBody(tree, reasons.join("; "));
}

function webhookState(ctx: EmulatorContext, request: RouteRequest): InteractionState {
  const { app = "", token = "" } = request.params;
  return ctx.interactions.forWebhook(app, ctx.world.applicationId, token, Date.now());
}

function followUp(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const state = webhookState(ctx, request);
  let message: RecordedMessage;
  const placeholder = state.deferredLoading
    ? ctx.world.messages.get(state.originalMessageId ?? "")
    : undefined;
  if (placeholder && !placeholder.deleted) {
    // After a defer, Discord turns the first follow-up into the "thinking" message itself, keeping the defer's
    // ephemerality; later follow-ups are new messages.
    message = ctx.messages.edit(placeholder, request.body, request.files);
    state.deferredLoading = false;
  } else {
    message = ctx.messages.create({
      channel: ctx.world.channels.get(state.record.channelId) ?? ctx.world.channel(state.record.channelId),
      author: ctx.world.bot,
      body: request.body,
      files: request.files,
      source: "interaction",
      allowedFlags: INTERACTION_MESSAGE_FLAGS,
      interactionId: state.record.id,
    }).message;
    state.followupIds.add(message.id);
  }
  record(state, request, "followup", { messageId: message.id });
  return request.query.wait === "true"
    ? { status: 200, body: messageObject(ctx.world, message) }
    : { status: 204 };
}

function target(ctx: EmulatorContext, state: InteractionState, param: string): RecordedMessage {
  const id = param === "@original" ? state.originalMessageId : param;
  if (!id || (id !== state.originalMessageId && !state.followupIds.has(id))) throw unknownMessage();
  const message = ctx.world.messages.get(id);
  if (!message || message.deleted) throw unknownMessage();
  return message;
}

function kindFor(param: string, action: "edit" | "fetch" | "delete"): InteractionResponseKind {
  return param === "@original" ? `original-${action}` : `followup-${action}`;
}

function fetchOne(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const state = webhookState(ctx, request);
  const param = request.params.message ?? "";
  const message = target(ctx, state, param);
  record(state, request, kindFor(param, "fetch"), { messageId: message.id });
  return { status: 200, body: messageObject(ctx.world, message) };
}

function editOne(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const state = webhookState(ctx, request);
  const param = request.params.message ?? "";
  const message = ctx.messages.edit(target(ctx, state, param), request.body, request.files);
  if (message.id === state.originalMessageId) state.deferredLoading = false;
  record(state, request, kindFor(param, "edit"), { messageId: message.id });
  return { status: 200, body: messageObject(ctx.world, message) };
}

function deleteOne(ctx: EmulatorContext, request: RouteRequest): RouteResult {
  const state = webhookState(ctx, request);
  const param = request.params.message ?? "";
  const message = target(ctx, state, param);
  ctx.messages.remove(message);
  record(state, request, kindFor(param, "delete"), { messageId: message.id });
  return { status: 204 };
}
