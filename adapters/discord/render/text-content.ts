import type { Reply, TextTone } from "../../../src/core/model/reply.ts";
import { chatCommandForm } from "../../shared/chat-commands.ts";
import { packBlocks, type TextBlock } from "../../shared/pack-blocks.ts";
import { DISCORD_LIMITS } from "./limits.ts";

type TextReply = Extract<Reply, { kind: "text" }>;

/**
 * Questions and probes are bold message content rather than an embed: content is what push notifications
 * and screen readers announce (an embed-only message notifies with no text), it matches the terminal's bold,
 * it takes 2,000 characters, and it stays in the same message as the acknowledgement before it.
 */
function formatFor(tone: TextTone): TextBlock["format"] {
  if (tone === "question" || tone === "probe") return boldLines;
  if (tone === "transcript") return quotedLines;
  return undefined;
}

/** A voice answer's transcript as a block quote, line by line so every piece of a long one stays quoted. */
function quotedLines(piece: string): string {
  return piece
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** Bold line by line, so a piece cut at a line break still opens and closes its own markers. */
function boldLines(piece: string): string {
  return piece
    .split("\n")
    .map((line) => (line.trim() === "" ? line : `**${line.trim()}**`))
    .join("\n");
}

/** Consecutive text replies as message contents of at most 2,000 characters, replies a blank line apart. */
export function renderDiscordText(replies: readonly TextReply[]): string[] {
  const blocks = replies.map(
    (reply): TextBlock => ({ text: chatCommandForm(reply.text.trim()), format: formatFor(reply.tone) }),
  );
  return packBlocks(blocks, DISCORD_LIMITS.content, "\n\n");
}
