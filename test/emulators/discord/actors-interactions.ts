// Users invoking the bot: slash commands, button clicks and modal submits, each dispatched as INTERACTION_CREATE
// and registered with the interaction store so callbacks are checked against the deadline.
import { randomBytes } from "node:crypto";
import { actorChannel, actorUser } from "./actor-lookups.ts";
import type { EmulatorContext } from "./context.ts";
import {
  commandData,
  componentData,
  findComponent,
  interactionBase,
  messageField,
  modalComponents,
  type OptionValue,
} from "./interaction-payloads.ts";
import { isObject, type JsonObject } from "./json.ts";
import type { Attachment, InteractionKind, InteractionRecord, RecordedMessage } from "./types.ts";
import type { ChannelState, UserState } from "./world.ts";

export type SlashCommandInput = {
  userId: string;
  channelId: string;
  name: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  attachments?: Record<string, Attachment>;
};

export type ButtonClickInput = {
  userId: string;
  channelId: string;
  messageId: string;
  customId: string;
  /** For select menus: the chosen values. */
  values?: string[];
};

export type ModalSubmitInput = {
  userId: string;
  channelId: string;
  customId: string;
  fields: Record<string, string>;
};

const TYPE_OF_KIND = { command: 2, button: 3, modal: 5 } as const;

function dispatch(
  ctx: EmulatorContext,
  input: {
    kind: InteractionKind;
    user: UserState;
    channel: ChannelState;
    data: JsonObject;
    message?: RecordedMessage;
    name?: string;
  },
): InteractionRecord {
  const { world } = ctx;
  const id = world.ids.next();
  // Interaction tokens are long opaque strings; base64url keeps them free of characters routes would encode.
  const token = `aW50ZXJhY3Rpb24${randomBytes(48).toString("base64url")}`;
  const type = TYPE_OF_KIND[input.kind];
  const payload = {
    ...interactionBase(world, { id, token, type, user: input.user, channel: input.channel }, input.data),
    ...(input.message ? messageField(world, input.message) : {}),
  };
  const now = Date.now();
  const record: InteractionRecord = {
    id,
    token,
    type,
    kind: input.kind,
    channelId: input.channel.id,
    userId: input.user.id,
    payload,
    dispatchedAt: now,
    deliveredTo: 0,
    deadlineAt: now + ctx.interactions.deadlineMs,
    acknowledgedAt: null,
    responses: [],
  };
  ctx.interactions.add(record, input.message?.id ?? null);
  world.interactionMetadata.set(id, {
    type,
    userId: input.user.id,
    ...(input.name ? { name: input.name } : {}),
  });
  record.deliveredTo = ctx.gateway.dispatch("INTERACTION_CREATE", () => payload);
  return record;
}

export function runSlashCommand(ctx: EmulatorContext, input: SlashCommandInput): InteractionRecord {
  const user = actorUser(ctx.world, input.userId);
  const channel = actorChannel(ctx.world, input.channelId);
  const data = commandData(ctx.world, {
    name: input.name,
    ...(input.subcommand ? { subcommand: input.subcommand } : {}),
    options: input.options ?? {},
    attachments: input.attachments ?? {},
  });
  const name = input.subcommand ? `${input.name} ${input.subcommand}` : input.name;
  return dispatch(ctx, { kind: "command", user, channel, data, name });
}

export function clickButton(ctx: EmulatorContext, input: ButtonClickInput): InteractionRecord {
  const user = actorUser(ctx.world, input.userId);
  const channel = actorChannel(ctx.world, input.channelId);
  const message = ctx.world.messages.get(input.messageId);
  if (!message || message.deleted || message.channelId !== channel.id) {
    throw new Error(`No message ${input.messageId} in channel ${input.channelId}`);
  }
  const component = findComponent(message.components, input.customId);
  if (!component)
    throw new Error(`Message ${input.messageId} has no component with custom_id "${input.customId}"`);
  const componentType = typeof component.type === "number" ? component.type : 2;
  const data = componentData(input.customId, componentType, input.values);
  return dispatch(ctx, { kind: "button", user, channel, data, message });
}

/**
 * Submits the modal the bot last showed this user with this custom_id (mirroring its layout and, if it was shown
 * from a button, carrying that message); without one, a Label-layout submission is built from `fields`.
 */
export function submitModal(ctx: EmulatorContext, input: ModalSubmitInput): InteractionRecord {
  const user = actorUser(ctx.world, input.userId);
  const channel = actorChannel(ctx.world, input.channelId);
  let modal: JsonObject | undefined;
  let fromMessage: RecordedMessage | undefined;
  for (const state of ctx.interactions.all().reverse()) {
    if (state.record.userId !== user.id) continue;
    const shown = state.record.responses.find((r) => {
      const data = isObject(r.body) && isObject(r.body.data) ? r.body.data : undefined;
      return r.kind === "callback" && r.callbackType === 9 && data?.custom_id === input.customId;
    });
    if (shown && isObject(shown.body) && isObject(shown.body.data)) {
      modal = shown.body.data;
      fromMessage = ctx.world.messages.get(state.componentMessageId ?? "");
      break;
    }
  }
  const { components, unknownFields } = modalComponents(modal, input.fields);
  if (unknownFields.length > 0) {
    throw new Error(`Modal "${input.customId}" has no text input(s) ${unknownFields.join(", ")}`);
  }
  const data = { custom_id: input.customId, components };
  return dispatch(ctx, {
    kind: "modal",
    user,
    channel,
    data,
    ...(fromMessage && !fromMessage.deleted ? { message: fromMessage } : {}),
  });
}
