// Block Kit limits Slack enforces server-side (https://api.slack.com/reference/block-kit/blocks, @slack/types 3.2
// block-kit/blocks.d.ts, views.d.ts). Messages fail with `invalid_blocks`, views with `invalid_arguments`; both carry
// `[ERROR] … [json-pointer:…]` messages like Slack's, so a failing test says which block broke which rule.

export const messageBlockLimit = 50;
export const modalBlockLimit = 100;
export const sectionTextLimit = 3000;
export const sectionFieldLimit = 10;
export const sectionFieldTextLimit = 2000;
export const headerTextLimit = 150;
export const markdownBlockTextLimit = 12_000;
export const blockIdLimit = 255;
export const viewTextLimit = 24;
export const privateMetadataLimit = 3000;
export const callbackIdLimit = 255;
export const messageTextLimit = 40_000;

type Problems = string[];

function tooLong(limit: number, pointer: string): string {
  return `[ERROR] must be less than ${limit + 1} characters [json-pointer:${pointer}]`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A text object's `text`, or undefined when the field is not a text object. */
function textOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.text === "string" ? value.text : undefined;
}

function checkLength(problems: Problems, text: string | undefined, limit: number, pointer: string): void {
  if (text !== undefined && text.length > limit) problems.push(tooLong(limit, pointer));
}

function checkSection(block: Record<string, unknown>, at: string, problems: Problems): void {
  const text = textOf(block.text);
  const fields = block.fields;
  if (text === undefined && fields === undefined)
    problems.push(`[ERROR] must provide either text or fields [json-pointer:${at}]`);
  if (text !== undefined && text.length === 0)
    problems.push(`[ERROR] must be more than 0 characters [json-pointer:${at}/text/text]`);
  checkLength(problems, text, sectionTextLimit, `${at}/text/text`);
  if (Array.isArray(fields)) {
    if (fields.length > sectionFieldLimit)
      problems.push(`[ERROR] no more than ${sectionFieldLimit} items allowed [json-pointer:${at}/fields]`);
    fields.forEach((field, index) => {
      checkLength(problems, textOf(field), sectionFieldTextLimit, `${at}/fields/${index}/text`);
    });
  }
}

function checkBlock(block: unknown, at: string, problems: Problems): void {
  if (!isRecord(block) || typeof block.type !== "string") {
    problems.push(`[ERROR] missing required field: type [json-pointer:${at}]`);
    return;
  }
  if (typeof block.block_id === "string")
    checkLength(problems, block.block_id, blockIdLimit, `${at}/block_id`);
  if (block.type === "section") checkSection(block, at, problems);
  if (block.type === "header") checkLength(problems, textOf(block.text), headerTextLimit, `${at}/text/text`);
  if (block.type === "markdown" && typeof block.text === "string")
    checkLength(problems, block.text, markdownBlockTextLimit, `${at}/text`);
}

function checkBlockList(blocks: unknown[], pointer: string, limit: number): Problems {
  const problems: Problems = [];
  if (blocks.length > limit)
    problems.push(`[ERROR] no more than ${limit} items allowed [json-pointer:${pointer}]`);
  blocks.forEach((block, index) => {
    checkBlock(block, `${pointer}/${index}`, problems);
  });
  return problems;
}

export type LimitViolation = { error: string; messages: string[] };

/** For chat.postMessage / chat.update / chat.postEphemeral `blocks` (already JSON-parsed when it could be). */
export function checkMessageBlocks(blocks: unknown): LimitViolation | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks))
    return { error: "invalid_blocks_format", messages: ["[ERROR] must be an array [json-pointer:/blocks]"] };
  const problems = checkBlockList(blocks, "/blocks", messageBlockLimit);
  return problems.length > 0 ? { error: "invalid_blocks", messages: problems } : undefined;
}

/** For views.open / views.update / views.push `view`. */
export function checkModalView(view: unknown): LimitViolation | undefined {
  const invalid = (messages: string[]): LimitViolation => ({ error: "invalid_arguments", messages });
  if (!isRecord(view)) return invalid(["[ERROR] failed to match all allowed schemas [json-pointer:/view]"]);
  const problems: Problems = [];
  if (view.type !== "modal") problems.push("[ERROR] must be modal [json-pointer:/view/type]");
  const title = textOf(view.title);
  if (title === undefined) problems.push("[ERROR] missing required field: title [json-pointer:/view]");
  checkLength(problems, title, viewTextLimit, "/view/title/text");
  checkLength(problems, textOf(view.submit), viewTextLimit, "/view/submit/text");
  checkLength(problems, textOf(view.close), viewTextLimit, "/view/close/text");
  if (typeof view.private_metadata === "string")
    checkLength(problems, view.private_metadata, privateMetadataLimit, "/view/private_metadata");
  if (typeof view.callback_id === "string")
    checkLength(problems, view.callback_id, callbackIdLimit, "/view/callback_id");
  const blocks = Array.isArray(view.blocks) ? view.blocks : undefined;
  if (blocks === undefined) problems.push("[ERROR] missing required field: blocks [json-pointer:/view]");
  else {
    problems.push(...checkBlockList(blocks, "/view/blocks", modalBlockLimit));
    const hasInput = blocks.some((block) => isRecord(block) && block.type === "input");
    if (hasInput && view.submit === undefined)
      problems.push(
        "[ERROR] must provide submit argument when using input blocks [json-pointer:/view/submit]",
      );
  }
  return problems.length > 0 ? invalid(problems) : undefined;
}
