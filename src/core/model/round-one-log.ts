import { z } from "zod";
import { plainMentions } from "./sanitize-text.ts";

/** How the candidate felt a round-1 question went; drives which revisit comes first. */
export const HowItWentSchema = z.enum(["well", "okay", "badly"]);
export type HowItWent = z.infer<typeof HowItWentSchema>;

/** Questions one log holds: a first round rarely asks more, and each may become a revisit. */
export const MAX_ROUND_ONE_ENTRIES = 12;
export const MAX_ROUND_ONE_NOTES_CHARS = 2_000;

/**
 * Text the candidate typed about round 1. It is shown back to them (quoted in questions and the
 * report) on every platform, so mention syntax is made plain like a role or company name.
 */
const loggedText = (max: number) => z.string().trim().overwrite(plainMentions).max(max);

/** One question asked in round 1, what the candidate remembers answering, and how it went. */
export const RoundOneEntrySchema = z.object({
  question: loggedText(500).pipe(z.string().min(1)),
  /** The candidate's own notes on their answer; may be empty (nothing to quote then). */
  notes: loggedText(MAX_ROUND_ONE_NOTES_CHARS),
  /** Null when the candidate did not say. */
  howItWent: HowItWentSchema.nullable(),
});
export type RoundOneEntry = z.infer<typeof RoundOneEntrySchema>;

/**
 * What the candidate recorded about their first round with one company: the second round is
 * built on it. Personal data: stored per member and company, replaced by a new log for the same
 * company, deletable, and expiring a year after its last change.
 */
export const RoundOneLogSchema = z.object({
  company: loggedText(120).pipe(z.string().min(1)),
  role: loggedText(120),
  /** As the candidate wrote it ("2026-11-20", "last Tuesday"); shown, never computed with. */
  date: loggedText(40),
  entries: z.array(RoundOneEntrySchema).min(1).max(MAX_ROUND_ONE_ENTRIES),
  updatedAt: z.number().int().nonnegative(),
});
export type RoundOneLog = z.infer<typeof RoundOneLogSchema>;
export type RoundOneLogInput = z.input<typeof RoundOneLogSchema>;

/**
 * The company as a lookup key: "Monzo", " monzo " and "MONZO" are one log. Unicode-normalised
 * and case-folded, whitespace collapsed; the log keeps the company as typed.
 */
export function companyLookupKey(company: string): string {
  return company.normalize("NFKC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("en");
}

/** Entries in the order a second round revisits them: what went badly first, what went well last. */
export function entriesByNeed(log: RoundOneLog): { entry: RoundOneEntry; index: number }[] {
  const rank = (entry: RoundOneEntry) =>
    entry.howItWent === "badly" ? 0 : entry.howItWent === "well" ? 2 : 1;
  return log.entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index);
}
