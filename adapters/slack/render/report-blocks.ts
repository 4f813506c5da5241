import type { ContextBlock, HeaderBlock, KnownBlock } from "@slack/types";
import type { Report } from "../../../src/core/report.ts";
import { packBlocks, type TextBlock } from "../../shared/pack-blocks.ts";
import {
  type ReportBlock,
  type ReportField,
  type ReportSection,
  reportSections,
} from "../../shared/report-sections.ts";
import { truncateText } from "../../shared/split-text.ts";
import { escapeSlackText } from "./escape.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { bulletPiece, mrkdwnSection, plainPiece, quotePiece } from "./mrkdwn.ts";

/** The report as blocks: a header per section, sections of at most 3,000 characters, a divider between. */
export function renderReportBlocks(report: Report): KnownBlock[] {
  return reportSections(report).flatMap((section, index) => [
    ...(index > 0 ? [{ type: "divider" } as const] : []),
    ...sectionBlocks(section),
  ]);
}

function sectionBlocks(section: ReportSection): KnownBlock[] {
  const header: HeaderBlock = {
    type: "header",
    text: {
      type: "plain_text",
      text: truncateText(section.title, SLACK_LIMITS.headerText, escapeSlackText),
      emoji: true,
    },
  };
  const intro = packBlocks(section.intro.map(toTextBlock), SLACK_LIMITS.sectionText).map(mrkdwnSection);
  const fields = section.fields.flatMap(fieldSections);
  const note = section.note
    ? packBlocks([{ text: section.note, format: plainPiece }], SLACK_LIMITS.contextText).map(
        (text): ContextBlock => ({ type: "context", elements: [{ type: "mrkdwn", text, verbatim: true }] }),
      )
    : [];
  return [header, ...intro, ...fields, ...note];
}

/** "*Label*" over the field's text; a field too long for one section continues as "*Label (continued)*". */
function fieldSections(field: ReportField): KnownBlock[] {
  const label = escapeSlackText(field.label);
  const continued = `*${label} (continued)*\n`;
  const chunks = packBlocks(field.blocks.map(toTextBlock), SLACK_LIMITS.sectionText - continued.length);
  return chunks.map((chunk, index) => mrkdwnSection(`${index === 0 ? `*${label}*\n` : continued}${chunk}`));
}

function toTextBlock(block: ReportBlock): TextBlock {
  if (block.kind === "bullet") return { text: block.text, format: bulletPiece };
  if (block.kind === "quote") return { text: block.text, format: quotePiece };
  return { text: block.text, format: plainPiece };
}
