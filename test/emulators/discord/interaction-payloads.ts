// INTERACTION_CREATE payloads for the actors (platforms.md §1.4). discord.js reads `entitlements` and
// `authorizing_integration_owners` unguarded (BaseInteraction.js:107, 121), takes channelId from `channel.id` and
// requires a full `message` on component interactions (MessageComponentInteraction.js:30).
import { asArray, isObject, type JsonObject } from "./json.ts";
import { channelObject, memberObject, messageObject } from "./payloads.ts";
import type { Attachment, RecordedMessage } from "./types.ts";
import type { ChannelState, RegisteredCommand, UserState, World } from "./world.ts";

export type OptionValue = string | number | boolean;

export const OptionType = {
  Subcommand: 1,
  String: 3,
  Integer: 4,
  Boolean: 5,
  Number: 10,
  Attachment: 11,
} as const;

type BaseInput = { id: string; token: string; type: 2 | 3 | 5; user: UserState; channel: ChannelState };

export function interactionBase(world: World, input: BaseInput, data: JsonObject): Record<string, unknown> {
  return {
    id: input.id,
    application_id: world.applicationId,
    type: input.type,
    token: input.token,
    version: 1,
    guild_id: world.guildId,
    guild: { id: world.guildId, locale: "en-US", features: [] },
    channel_id: input.channel.id,
    channel: channelObject(input.channel),
    member: {
      ...memberObject(world, input.user),
      permissions: world.permissionsIn(input.user.id, input.channel).toString(),
    },
    app_permissions: world.permissionsIn(world.botUserId, input.channel).toString(),
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": world.guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    data,
  };
}

/**
 * Chat-input command data. Option types come from the registered command when there is one (so a NUMBER option
 * holding 3 is sent as type 10), else from the JS value: string 3, integer 4, other number 10, boolean 5.
 */
export function commandData(
  world: World,
  input: {
    name: string;
    subcommand?: string;
    options: Record<string, OptionValue>;
    attachments: Record<string, Attachment>;
  },
): JsonObject {
  const registered =
    world.guildCommands.find((c) => c.name === input.name && c.type === 1) ??
    world.globalCommands.find((c) => c.name === input.name && c.type === 1);
  const definitions = optionDefinitions(registered, input.subcommand);
  const options: JsonObject[] = Object.entries(input.options).map(([name, value]) => ({
    name,
    type: definitions.get(name) ?? inferType(value),
    value,
  }));
  const resolved: Record<string, Attachment> = {};
  for (const [name, attachment] of Object.entries(input.attachments)) {
    options.push({ name, type: OptionType.Attachment, value: attachment.id });
    resolved[attachment.id] = attachment;
  }
  return {
    id: registered?.id ?? world.ids.next(),
    name: input.name,
    type: 1,
    guild_id: world.guildId,
    options: input.subcommand ? [{ name: input.subcommand, type: OptionType.Subcommand, options }] : options,
    ...(Object.keys(resolved).length > 0 ? { resolved: { attachments: resolved } } : {}),
  };
}

function optionDefinitions(command: RegisteredCommand | undefined, subcommand: string | undefined) {
  const types = new Map<string, number>();
  let options = asArray(command?.options);
  if (subcommand) {
    const sub = options.find((o) => isObject(o) && o.name === subcommand);
    options = isObject(sub) ? asArray(sub.options) : [];
  }
  for (const option of options) {
    if (isObject(option) && typeof option.name === "string" && typeof option.type === "number") {
      types.set(option.name, option.type);
    }
  }
  return types;
}

function inferType(value: OptionValue): number {
  if (typeof value === "boolean") return OptionType.Boolean;
  if (typeof value === "number") return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

/** Component interaction data; select menus also carry the chosen `values`. */
export function componentData(customId: string, componentType: number, values?: string[]): JsonObject {
  return {
    custom_id: customId,
    component_type: componentType,
    ...(componentType === 2 ? {} : { values: values ?? [] }),
  };
}

/** Component interactions (and modal submits shown from one) carry the full message the component is on. */
export function messageField(world: World, message: RecordedMessage): Record<string, unknown> {
  return { message: messageObject(world, message) };
}

/** The component with this custom_id at any nesting depth (rows, sections' accessories, labels), if any. */
export function findComponent(components: unknown[], customId: string): JsonObject | undefined {
  for (const component of components) {
    if (!isObject(component)) continue;
    if (component.custom_id === customId) return component;
    const nested = [...asArray(component.components), component.accessory, component.component];
    const found = findComponent(nested, customId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Modal submit components in the same layout as the modal the bot showed: legacy action rows (type 1) or Labels
 * (type 18) wrapping a text input. Without a known modal, Labels are used (the current layout).
 */
export function modalComponents(
  modal: JsonObject | undefined,
  fields: Record<string, string>,
): { components: JsonObject[]; unknownFields: string[] } {
  let nextId = 1;
  const used = new Set<string>();
  const input = (component: JsonObject): JsonObject => {
    const customId = String(component.custom_id);
    used.add(customId);
    return {
      type: component.type ?? 4,
      id: component.id ?? nextId++,
      custom_id: customId,
      value: fields[customId] ?? "",
    };
  };
  if (!modal) {
    const components = Object.keys(fields).map((customId) => {
      const id = nextId++;
      return { type: 18, id, component: input({ type: 4, custom_id: customId }) };
    });
    return { components, unknownFields: [] };
  }
  const components: JsonObject[] = [];
  for (const top of asArray(modal.components)) {
    if (!isObject(top)) continue;
    const id = top.id ?? nextId++;
    if (top.type === 1) {
      components.push({ type: 1, id, components: asArray(top.components).filter(isObject).map(input) });
    } else if (top.type === 18 && isObject(top.component)) {
      components.push({ type: 18, id, component: input(top.component) });
    } else {
      components.push({ type: top.type, id });
    }
  }
  return { components, unknownFields: Object.keys(fields).filter((f) => !used.has(f)) };
}
