import type { Report } from "../../src/core/model/report.ts";
import { roundOneSection } from "../shared/round-one-section.ts";
import { storyReuseSection } from "../shared/story-reuse-section.ts";
import type { TerminalStyle } from "./terminal-style.ts";

/**
 * The report's round-1 consistency and story-reuse parts as terminal lines (the shared sections'
 * words, quotes in quotation marks).
 */
export function sharedSectionLines(report: Report, style: TerminalStyle): string[] {
  return [...roundOneSection(report), ...storyReuseSection(report)].flatMap((section) => [
    "",
    style.bold(section.title),
    ...section.intro.map((block) => `  ${block.text}`),
    ...section.fields.flatMap((field) => [
      `  ${field.label}`,
      ...field.blocks.map((block) => (block.kind === "quote" ? `    "${block.text}"` : `    ${block.text}`)),
    ]),
  ]);
}
