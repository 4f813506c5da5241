import type { ContextBlock, HeaderBlock, KnownBlock } from "@slack/types";
import type { Report } from "../../../src/core/model/report.ts";
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
import type { BlockGroup } from "./paginate.ts";

/**
 * The report as one group of blocks per section (overview, each question, coverage…): a header, then
 * sections of at most 3,000 characters, a divider before each but the first. Messages are split between
 * these groups; a section too long for one message continues under its heading marked "(continued)".
 */
export function renderReportGroups(report: Report): BlockGroup[] {
  return reportSections(report).map(
    (section, index): BlockGroup => ({
      blocks: sectionBlocks(section),
      continued: header(`${section.title} (continued)`),
      dividerBefore: index > 0,
    }),
  );
}

function header(title: string): HeaderBlock {
  return {
    type: "header",
    text: {
      type: "plain_text",
      text: truncateText(title, SLACK_LIMITS.headerText, escapeSlackText),
      emoji: true,
    },
  };
}

function sectionBlocks(section: ReportSection): KnownBlock[] {
  const intro = packBlocks(section.intro.map(toTextBlock), SLACK_LIMITS.sectionText).map(mrkdwnSection);
  const fields = section.fields.flatMap(fieldSections);
  const note = section.note
    ? packBlocks([{ text: section.note, format: plainPiece }], SLACK_LIMITS.contextText).map(
        (text): ContextBlock => ({ type: "context", elements: [{ type: "mrkdwn", text, verbatim: true }] }),
      )
    : [];
  return [header(section.title), ...intro, ...fields, ...note];
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
