import type { SectionBlock } from "@slack/types";
import type { PiecePosition } from "../../shared/split-text.ts";
import { escapeSlackText } from "./escape.ts";

/**
 * A section of mrkdwn. `verbatim` stops Slack's automatic parsing, so a bare URL, "#channel" or "@here" typed
 * by the candidate stays plain text; markup we add (bold, quotes) still renders.
 */
export function mrkdwnSection(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

/** Escaped text as is. */
export function plainPiece(piece: string): string {
  return escapeSlackText(piece);
}

/** Bold line by line, so a piece cut at a line break still opens and closes its own markers. */
export function boldPiece(piece: string): string {
  return escapeSlackText(piece)
    .split("\n")
    .map((line) => (line.trim() === "" ? line : `*${line.trim()}*`))
    .join("\n");
}

/** "• item"; a continued piece of a long item is not a new bullet. */
export function bulletPiece(piece: string, position: PiecePosition): string {
  return position.index === 0 ? `• ${escapeSlackText(piece)}` : escapeSlackText(piece);
}

/**
 * A block quote with quotation marks. The "> " we add is the only unescaped ">" Slack ever gets: the
 * candidate's own "<" and ">" are escaped before it is added.
 */
export function quotePiece(piece: string, position: PiecePosition): string {
  const open = position.index === 0 ? '"' : "";
  const close = position.index === position.count - 1 ? '"' : "";
  return `${open}${escapeSlackText(piece)}${close}`
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}
