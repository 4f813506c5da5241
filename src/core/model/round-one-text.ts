import {
  type HowItWent,
  MAX_ROUND_ONE_ENTRIES,
  MAX_ROUND_ONE_NOTES_CHARS,
  type RoundOneEntry,
} from "./round-one-log.ts";

/**
 * The plain-text form of a round-1 log, the same on every platform (a terminal file, Discord's and
 * Slack's paragraph box). Written to be forgiving:
 *
 *     Tell me about a time you missed a deadline.
 *     I said we cut the month-end close from 5 days to 2 by automating the reconciliations.
 *     How it went: badly
 *
 *     Why do you want to work here?
 *     Talked about their graduate scheme and the Leeds office.
 *     (went well)
 *
 * - One question per paragraph; paragraphs are separated by blank lines.
 * - A paragraph's first line is the question ("Q:", "Q1.", "1." or a bullet in front is dropped).
 * - The lines after it are the candidate's notes on their answer ("A:", "Notes:", "My answer:" in
 *   front is dropped); a paragraph may have no notes.
 * - How it went, optional, on a line of its own or at the end of the last line: "How it went:
 *   badly", "Went: well", "Outcome: okay", "(went badly)", "(badly)" or "[well]". Words for
 *   well: well, good, great, strong; okay: okay, ok, fine, so-so, mixed, average; badly: badly,
 *   bad, poorly, poor, weak, not well, not great.
 * - A first paragraph made only of "Company: …", "Role: …" and "Date: …" lines fills those fields.
 */
export interface ParsedRoundOneText {
  readonly entries: RoundOneEntry[];
  readonly company?: string;
  readonly role?: string;
  readonly date?: string;
}

export type RoundOneTextResult =
  | { readonly ok: true; readonly value: ParsedRoundOneText }
  | { readonly ok: false; readonly problems: readonly string[] };

const OUTCOME_WORDS: Readonly<Record<string, HowItWent>> = {
  well: "well",
  good: "well",
  great: "well",
  strong: "well",
  "went well": "well",
  okay: "okay",
  ok: "okay",
  fine: "okay",
  "so-so": "okay",
  "so so": "okay",
  mixed: "okay",
  average: "okay",
  "went okay": "okay",
  "went ok": "okay",
  badly: "badly",
  bad: "badly",
  poorly: "badly",
  poor: "badly",
  weak: "badly",
  "not well": "badly",
  "not great": "badly",
  "went badly": "badly",
  "went poorly": "badly",
};
const ACCEPTED = "well, okay or badly";

/** "How it went: badly", "Went: well", "Outcome - okay" on a line of its own. */
const LABELLED_OUTCOME =
  /^(?:how (?:it|that|this) went|it went|went|outcome|result)\s*[:=-]\s*(.+?)\s*\.?$/iu;
/** "(went badly)", "(badly)", "[well]" at the end of a line (or as the whole line). */
const BRACKETED_OUTCOME = /[([]\s*((?:went\s+|it went\s+)?[a-z -]+?)\s*[)\]]\s*\.?$/iu;
const QUESTION_PREFIX = /^(?:q(?:uestion)?\s*\d*\s*[:.)-]|\d{1,2}\s*[.)-]|[-*•])\s*/iu;
const NOTES_PREFIX = /^(?:a(?:nswer)?\s*\d*\s*[:.)-]|notes?\s*[:-]|my answer\s*[:-])\s*/iu;
const HEADER_LINE = /^(company|role|date)\s*:\s*(.*)$/iu;
const MAX_QUESTION_CHARS = 500;

function outcomeWord(raw: string): HowItWent | undefined {
  return OUTCOME_WORDS[raw.trim().toLowerCase().replace(/\s+/gu, " ")];
}

/** Finds a how-it-went marker in a paragraph's note lines; what is left are the notes. */
function takeOutcome(
  lines: string[],
  paragraph: number,
  problems: string[],
): { notes: string[]; howItWent: HowItWent | null } {
  let howItWent: HowItWent | null = null;
  const notes: string[] = [];
  for (const line of lines) {
    const labelled = LABELLED_OUTCOME.exec(line);
    if (labelled?.[1] !== undefined) {
      const word = outcomeWord(labelled[1]);
      if (word) howItWent = word;
      else
        problems.push(
          `Paragraph ${paragraph}: "${labelled[1].slice(0, 40)}" is not a way it went I know; write ${ACCEPTED}.`,
        );
      continue;
    }
    const bracketed = BRACKETED_OUTCOME.exec(line);
    const word = bracketed?.[1] === undefined ? undefined : outcomeWord(bracketed[1]);
    if (bracketed && word) {
      howItWent = word;
      const rest = line.slice(0, bracketed.index).trim();
      if (rest) notes.push(rest);
      continue;
    }
    notes.push(line);
  }
  return { notes, howItWent };
}

/** Reads a round-1 log's plain text; problems are sentences for the candidate, naming the paragraph. */
export function parseRoundOneText(text: string): RoundOneTextResult {
  const paragraphs = text
    .replace(/\r\n?/gu, "\n")
    .split(/\n[ \t]*\n/u)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 0),
    )
    .filter((lines) => lines.length > 0);
  const header: { company?: string; role?: string; date?: string } = {};
  const first = paragraphs[0];
  if (first?.every((line) => HEADER_LINE.test(line))) {
    for (const line of first) {
      const [, field, value] = HEADER_LINE.exec(line) ?? [];
      if (field && value?.trim()) header[field.toLowerCase() as "company" | "role" | "date"] = value.trim();
    }
    paragraphs.shift();
  }
  if (paragraphs.length === 0) {
    return {
      ok: false,
      problems: [
        "I couldn't find any questions. Write one question per paragraph: the question on the first line, your notes on what you answered below it, and a blank line before the next question.",
      ],
    };
  }
  const problems: string[] = [];
  if (paragraphs.length > MAX_ROUND_ONE_ENTRIES) {
    problems.push(
      `That is ${paragraphs.length} questions; a log holds up to ${MAX_ROUND_ONE_ENTRIES}. Keep the ones you most want to revisit (check for a missing blank line too).`,
    );
  }
  const entries: RoundOneEntry[] = [];
  paragraphs.forEach((lines, index) => {
    const paragraph = index + 1;
    const [questionLine = "", ...rest] = lines;
    const question = questionLine.replace(QUESTION_PREFIX, "").trim();
    if (!question) {
      problems.push(`Paragraph ${paragraph} has no question on its first line.`);
      return;
    }
    if (question.length > MAX_QUESTION_CHARS) {
      problems.push(
        `Paragraph ${paragraph}'s first line is ${question.length} characters long. The first line is the question (up to ${MAX_QUESTION_CHARS}); put your notes on the lines below it.`,
      );
      return;
    }
    const { notes, howItWent } = takeOutcome(rest, paragraph, problems);
    const joined = notes
      .map((line, position) => (position === 0 ? line.replace(NOTES_PREFIX, "") : line))
      .join(" ")
      .trim();
    if (joined.length > MAX_ROUND_ONE_NOTES_CHARS) {
      problems.push(
        `Paragraph ${paragraph}'s notes are ${joined.length} characters long; keep them under ${MAX_ROUND_ONE_NOTES_CHARS} (the key points and any numbers are what matter).`,
      );
      return;
    }
    entries.push({ question, notes: joined, howItWent });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { entries, ...header } };
}

/** The log's entries in the same plain-text form, so a saved log can be shown and edited again. */
export function formatRoundOneText(entries: readonly RoundOneEntry[]): string {
  return entries
    .map((entry) =>
      [entry.question, entry.notes, entry.howItWent ? `How it went: ${entry.howItWent}` : ""]
        .filter((line) => line.length > 0)
        .join("\n"),
    )
    .join("\n\n");
}
