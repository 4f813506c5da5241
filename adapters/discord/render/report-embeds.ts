import type { APIEmbed, APIEmbedField } from "discord-api-types/v10";
import type { Band, Report } from "../../../src/core/model/report.ts";
import { packBlocks, type TextBlock } from "../../shared/pack-blocks.ts";
import { type ReportBlock, type ReportSection, reportSections } from "../../shared/report-sections.ts";
import { type PiecePosition, truncateText } from "../../shared/split-text.ts";
import { embedTextLength } from "./embed-length.ts";
import { DISCORD_LIMITS } from "./limits.ts";

// Colour is decoration only: the band is always written out in words as well.
const BAND_COLOURS: Record<Band, number> = { "not-yet": 0xc0392b, almost: 0xe67e22, ready: 0x27ae60 };
const NO_SCORE_COLOUR = 0x95a5a6;
const SECTION_COLOUR = 0x5865f2;
const CONTINUED = " (continued)";

/** The report as embeds, each within Discord's per-embed limits and at most 6,000 characters. */
export function renderReportEmbeds(report: Report): APIEmbed[] {
  const overviewColour = report.band === null ? NO_SCORE_COLOUR : BAND_COLOURS[report.band];
  return reportSections(report).flatMap((section) =>
    sectionEmbeds(section, section.kind === "overview" ? overviewColour : SECTION_COLOUR),
  );
}

/**
 * One embed per section, continued in further embeds ("… (continued)") when the description, 25 fields or
 * the 6,000 characters run out. Long field values become several fields; nothing is dropped.
 */
function sectionEmbeds(section: ReportSection, color: number): APIEmbed[] {
  const title = truncateText(section.title, DISCORD_LIMITS.embedTitle);
  const continuedTitle = `${truncateText(section.title, DISCORD_LIMITS.embedTitle - CONTINUED.length)}${CONTINUED}`;
  const descriptions = packBlocks(section.intro.map(toTextBlock), DISCORD_LIMITS.embedDescription);
  const fields = section.fields.flatMap((field) =>
    packBlocks(field.blocks.map(toTextBlock), DISCORD_LIMITS.fieldValue).map(
      (value, index): APIEmbedField => ({
        name: index === 0 ? truncateText(field.label, DISCORD_LIMITS.fieldName) : continuedName(field.label),
        value,
      }),
    ),
  );

  const embeds: APIEmbed[] = [];
  let current: APIEmbed = { title, color, ...(descriptions[0] ? { description: descriptions[0] } : {}) };
  const startNext = (extra: Partial<APIEmbed>): void => {
    embeds.push(current);
    current = { title: continuedTitle, color, ...extra };
  };
  for (const description of descriptions.slice(1)) startNext({ description });
  for (const field of fields) {
    const fieldCount = current.fields?.length ?? 0;
    const size = embedTextLength(current) + field.name.length + field.value.length;
    if (fieldCount >= DISCORD_LIMITS.fieldsPerEmbed || size > DISCORD_LIMITS.embedTextPerMessage) {
      startNext({});
    }
    current.fields = [...(current.fields ?? []), field];
  }
  if (section.note) {
    const footer = { text: truncateText(section.note, DISCORD_LIMITS.footerText) };
    if (embedTextLength(current) + footer.text.length > DISCORD_LIMITS.embedTextPerMessage) startNext({});
    current.footer = footer;
  }
  embeds.push(current);
  return embeds;
}

function continuedName(label: string): string {
  return `${truncateText(label, DISCORD_LIMITS.fieldName - CONTINUED.length)}${CONTINUED}`;
}

function toTextBlock(block: ReportBlock): TextBlock {
  if (block.kind === "bullet") return { text: block.text, format: bulletPiece };
  if (block.kind === "quote") return { text: block.text, format: quotePiece };
  return { text: block.text };
}

/** "- item"; a continued piece of a long item is not a new bullet. */
function bulletPiece(piece: string, position: PiecePosition): string {
  return position.index === 0 ? `- ${piece}` : piece;
}

/** A block quote with quotation marks, so the words read as quoted even where the bar is not announced. */
function quotePiece(piece: string, position: PiecePosition): string {
  const open = position.index === 0 ? '"' : "";
  const close = position.index === position.count - 1 ? '"' : "";
  return `${open}${piece}${close}`
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}
