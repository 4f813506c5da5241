import type { Report } from "../../src/core/model/report.ts";
import { roundOneSection } from "../shared/round-one-section.ts";
import type { TerminalStyle } from "./terminal-style.ts";

/** The report's round-1 part as terminal lines (the shared section's words, quotes in quotation marks). */
export function roundOneLines(report: Report, style: TerminalStyle): string[] {
  return roundOneSection(report).flatMap((section) => [
    "",
    style.bold(section.title),
    ...section.intro.map((block) => `  ${block.text}`),
    ...section.fields.flatMap((field) => [
      `  ${field.label}`,
      ...field.blocks.map((block) => (block.kind === "quote" ? `    "${block.text}"` : `    ${block.text}`)),
    ]),
  ]);
}
