// Discord's message limits (discord-api-docs developers/resources/message.mdx:603-619, 1080-1083;
// developers/components/reference.mdx). discord.js does not check most of them when given plain objects, so an
// over-long LLM answer only fails at Discord: the emulator answers with the same 400 50035 `errors` tree.
import { addFieldError, type ErrorTree, emptyMessage, invalidFormBody } from "./errors.ts";
import { asArray, isObject, type JsonObject } from "./json.ts";

export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  componentsV2Total: 40,
  nonce: 25,
} as const;

/** IS_COMPONENTS_V2: top-level layout components instead of ≤ 5 action rows. */
export const COMPONENTS_V2_FLAG = 1 << 15;

const maxLength = (n: number) => ({
  code: "BASE_TYPE_MAX_LENGTH",
  message: `Must be ${n} or fewer in length.`,
});
const badLength = (min: number, max: number) => ({
  code: "BASE_TYPE_BAD_LENGTH",
  message: `Must be between ${min} and ${max} in length.`,
});

type Check = { tree: ErrorTree; reasons: string[] };

function fail(check: Check, path: (string | number)[], error: { code: string; message: string }): void {
  addFieldError(check.tree, path, error);
  check.reasons.push(`${path.join(".")}: ${error.message}`);
}

function textLength(value: unknown): number {
  return typeof value === "string" ? [...value].length : 0;
}

/**
 * Throws 400 50035 when any present field breaks a limit; absent fields are not checked (edits send a subset, so
 * they pass the message's current flags to keep Components V2 rules).
 */
export function checkMessageLimits(body: JsonObject, currentFlags = 0): void {
  const check: Check = { tree: {}, reasons: [] };
  if (textLength(body.content) > Limits.content) fail(check, ["content"], maxLength(Limits.content));
  if (typeof body.nonce === "string" && body.nonce.length > Limits.nonce) {
    fail(check, ["nonce"], maxLength(Limits.nonce));
  }
  if (Array.isArray(body.embeds)) checkEmbeds(check, body.embeds);
  if (Array.isArray(body.components)) {
    const flags = typeof body.flags === "number" ? body.flags : currentFlags;
    checkComponents(check, body.components, (flags & COMPONENTS_V2_FLAG) !== 0);
  }
  if (check.reasons.length > 0) throw invalidFormBody(check.tree, check.reasons.join("; "));
}

function checkEmbeds(check: Check, embeds: unknown[]): void {
  if (embeds.length > Limits.embeds) fail(check, ["embeds"], maxLength(Limits.embeds));
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isObject(embed)) return;
    const at = (...rest: (string | number)[]) => ["embeds", i, ...rest];
    const limit = (value: unknown, max: number, path: (string | number)[]) => {
      total += textLength(value);
      if (textLength(value) > max) fail(check, path, maxLength(max));
    };
    limit(embed.title, Limits.embedTitle, at("title"));
    limit(embed.description, Limits.embedDescription, at("description"));
    if (isObject(embed.footer)) limit(embed.footer.text, Limits.footerText, at("footer", "text"));
    if (isObject(embed.author)) limit(embed.author.name, Limits.authorName, at("author", "name"));
    const fields = asArray(embed.fields);
    if (fields.length > Limits.embedFields) fail(check, at("fields"), maxLength(Limits.embedFields));
    fields.forEach((field, j) => {
      if (!isObject(field)) return;
      limit(field.name, Limits.fieldName, at("fields", j, "name"));
      limit(field.value, Limits.fieldValue, at("fields", j, "value"));
    });
  });
  // The 6000 limit spans every embed of the message together.
  if (total > Limits.embedTotal) {
    fail(check, ["embeds"], {
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: `Embed size exceeds maximum size of ${Limits.embedTotal}`,
    });
  }
}

function checkComponents(check: Check, components: unknown[], v2: boolean): void {
  if (v2) {
    const total = countComponents(components);
    if (total > Limits.componentsV2Total) {
      fail(check, ["components"], {
        code: "BASE_TYPE_MAX_LENGTH",
        message: `Must be ${Limits.componentsV2Total} or fewer in total components.`,
      });
    }
  } else if (components.length > Limits.actionRows) {
    fail(check, ["components"], maxLength(Limits.actionRows));
  }
  components.forEach((component, i) => {
    checkComponent(check, component, ["components", i]);
  });
}

function checkComponent(check: Check, component: unknown, path: (string | number)[]): void {
  if (!isObject(component)) return;
  // Action row (type 1): 1-5 children.
  if (component.type === 1) {
    const children = asArray(component.components);
    if (children.length < 1 || children.length > Limits.rowComponents) {
      fail(check, [...path, "components"], badLength(1, Limits.rowComponents));
    }
  }
  if ("custom_id" in component) {
    const length = textLength(component.custom_id);
    if (length < 1 || length > Limits.customId)
      fail(check, [...path, "custom_id"], badLength(1, Limits.customId));
  }
  if (component.type === 2 && textLength(component.label) > Limits.buttonLabel) {
    fail(check, [...path, "label"], maxLength(Limits.buttonLabel));
  }
  asArray(component.components).forEach((child, i) => {
    checkComponent(check, child, [...path, "components", i]);
  });
  if (isObject(component.accessory)) checkComponent(check, component.accessory, [...path, "accessory"]);
  if (isObject(component.component)) checkComponent(check, component.component, [...path, "component"]);
}

function countComponents(components: unknown[]): number {
  let total = 0;
  for (const component of components) {
    if (!isObject(component)) continue;
    total += 1 + countComponents(asArray(component.components));
    if (isObject(component.accessory)) total += 1;
    if (isObject(component.component)) total += 1;
  }
  return total;
}

export type MessageShape = {
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachmentCount: number;
  hasStickersOrPoll: boolean;
};

/** Discord answers 400 50006 "Cannot send an empty message" (not 50035) when nothing would be shown. */
export function checkNotEmpty(shape: MessageShape): void {
  const empty =
    shape.content.trim() === "" &&
    shape.embeds.length === 0 &&
    shape.components.length === 0 &&
    shape.attachmentCount === 0 &&
    !shape.hasStickersOrPoll;
  if (empty) throw emptyMessage();
}
