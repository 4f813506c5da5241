import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { StoryBank } from "../core/engine/story-bank.ts";
import {
  EMPTY_STORY_BANK,
  storyChangeText,
  storyCoverageLines,
  storyHeadline,
  storyParts,
} from "../core/interview/story-bank-text.ts";
import type { StoryChange } from "../core/model/story-bank.ts";
import type { Runtime } from "../runtime.ts";
import { TERMINAL_PROGRESS_SCOPE } from "./progress-store-for.ts";
import { STORIES_USAGE } from "./stories-usage.ts";
import { storyStoreFor } from "./story-store-for.ts";
import { terminalUserName } from "./terminal-member.ts";

const STORIES_OPTIONS = {
  name: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * `secondround stories`: the member's story bank, numbered as listed, and `keep N`, `rename N
 * "TITLE"`, `delete N` on it. A number that is not in the list, or a missing title, is a usage
 * error (exit 2) that changes nothing.
 */
export async function storiesCommand(
  argv: readonly string[],
  runtime: Runtime,
  output: Writable,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: STORIES_OPTIONS,
    allowPositionals: true,
  });
  if (values.help) {
    output.write(`${STORIES_USAGE}\n`);
    return 0;
  }
  const memberId = `terminal:${values.name ?? terminalUserName()}`;
  const bank = new StoryBank(storyStoreFor(runtime), { now: () => Date.now() });
  const stories = await bank.list(TERMINAL_PROGRESS_SCOPE, memberId);
  const [action, number, ...title] = positionals;
  if (action === undefined) {
    if (stories.length === 0) {
      output.write(`${EMPTY_STORY_BANK}\n`);
      return 0;
    }
    const lines = stories.flatMap((story, index) => [
      storyHeadline(story, index + 1),
      ...storyParts(story).map((part) => `   ${part}`),
      "",
    ]);
    output.write(
      `Your story bank (${stories.length} ${stories.length === 1 ? "story" : "stories"}):\n\n${lines.join("\n")}${storyCoverageLines(stories).join("\n")}\n`,
    );
    return 0;
  }
  const index = Number(number) - 1;
  const story = Number.isInteger(index) ? stories[index] : undefined;
  if (action !== "keep" && action !== "rename" && action !== "delete") {
    output.write(`Unknown action "${action}".\n${STORIES_USAGE}\n`);
    return 2;
  }
  if (!story) {
    output.write(
      `There is no story ${number ?? ""} in your bank (it has ${stories.length}). Nothing was changed.\n`,
    );
    return 2;
  }
  let change: StoryChange;
  if (action === "keep") change = await bank.keep(TERMINAL_PROGRESS_SCOPE, memberId, story.id);
  else if (action === "delete") change = await bank.delete(TERMINAL_PROGRESS_SCOPE, memberId, story.id);
  else change = await bank.rename(TERMINAL_PROGRESS_SCOPE, memberId, story.id, title.join(" "));
  output.write(`${storyChangeText(action, change)}\n`);
  return change.kind === "invalid-title" ? 2 : 0;
}
