import type { Report } from "../../src/core/model/report.ts";
import { deliverySection } from "../shared/delivery-section.ts";
import { preparationSection } from "../shared/preparation-section.ts";
import { roundOneSection } from "../shared/round-one-section.ts";
import { storyReuseSection } from "../shared/story-reuse-section.ts";
import type { TerminalStyle } from "./terminal-style.ts";

type Section = {
  readonly title: string;
  readonly intro: readonly { readonly text: string }[];
  readonly fields: readonly {
    readonly label: string;
    readonly blocks: readonly { readonly kind: string; readonly text: string }[];
  }[];
};

/** The report's round-1 consistency, story-reuse and delivery parts, after the questions. */
export function sharedSectionLines(report: Report, style: TerminalStyle): string[] {
  return sectionLines(
    [...roundOneSection(report), ...storyReuseSection(report), ...deliverySection(report)],
    style,
  );
}

/** The report's preparation checklist, at the end. */
export function preparationLines(report: Report, style: TerminalStyle): string[] {
  return sectionLines(preparationSection(report), style);
}

/** Sections shared with the chat platforms as terminal lines: their words, quotes in quotation marks. */
function sectionLines(sections: readonly Section[], style: TerminalStyle): string[] {
  return sections.flatMap((section) => [
    "",
    style.bold(section.title),
    ...section.intro.map((block) => `  ${block.text}`),
    ...section.fields.flatMap((field) => [
      `  ${field.label}`,
      ...field.blocks.map((block) => (block.kind === "quote" ? `    "${block.text}"` : `    ${block.text}`)),
    ]),
  ]);
}
