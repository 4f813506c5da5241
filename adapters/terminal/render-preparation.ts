import type { Report } from "../../src/core/model/report.ts";
import { preparationSection } from "../shared/preparation-section.ts";
import type { TerminalStyle } from "./terminal-style.ts";

/** The report's preparation checklist as terminal lines (the shared section's words, quotes in quotation marks). */
export function preparationLines(report: Report, style: TerminalStyle): string[] {
  return preparationSection(report).flatMap((section) => [
    "",
    style.bold(section.title),
    ...section.intro.map((block) => `  ${block.text}`),
    ...section.fields.flatMap((field) => [
      `  ${field.label}`,
      ...field.blocks.map((block) => (block.kind === "quote" ? `    "${block.text}"` : `    ${block.text}`)),
    ]),
  ]);
}
