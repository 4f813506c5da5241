import type { ConsistencyFinding, ConsistencyKind } from "../../core/model/round-one-consistency.ts";
import type { RoundOneEntry } from "../../core/model/round-one-log.ts";
import { stem } from "./text-match.ts";

/**
 * Compares what a candidate noted about a round-1 answer with their round-2 answer to the revisit of
 * it, and reports only clear contradictions: never confidently wrong, so anything that could be two
 * different facts (another measure, several years, a promotion between two titles…) is left alone.
 *
 * - numbers: the same change ("from 5 days to 2") with one end the same and the other different,
 *   or the team's size ("a team of 6") given as two different numbers;
 * - dates: the notes and the answer each name one year, and not the same one;
 * - roles: each names one job title the candidate held ("as the project lead") and they differ;
 * - outcomes: the deadline met in one and missed in the other, or the same thing won and lost.
 */
export function findRoundOneContradictions(entry: RoundOneEntry, answer: string): ConsistencyFinding[] {
  if (!entry.notes || !answer.trim()) return [];
  const notes = sentencesOf(entry.notes);
  const said = sentencesOf(answer);
  const findings: ConsistencyFinding[] = [];
  const add = (kind: ConsistencyKind, before: string, after: string, detail: string) => {
    if (!findings.some((finding) => finding.kind === kind))
      findings.push({
        kind,
        roundOneQuestion: entry.question,
        roundOneQuote: before,
        answerQuote: after,
        detail,
      });
  };
  for (const change of changesIn(notes)) {
    const other = changesIn(said).find(
      (candidate) =>
        candidate.unit === change.unit && (candidate.from === change.from) !== (candidate.to === change.to),
    );
    if (other) add("number", change.sentence, other.sentence, `${change.text} against ${other.text}`);
  }
  const teams = [single(notes, TEAM_SIZE, teamSize), single(said, TEAM_SIZE, teamSize)] as const;
  if (teams[0] && teams[1] && teams[0].value !== teams[1].value) {
    add(
      "number",
      teams[0].sentence,
      teams[1].sentence,
      `a team of ${teams[0].value} against ${teams[1].value}`,
    );
  }
  const years = [single(notes, YEAR, (m) => m[0]), single(said, YEAR, (m) => m[0])] as const;
  if (years[0] && years[1] && years[0].value !== years[1].value) {
    add("date", years[0].sentence, years[1].sentence, `${years[0].value} against ${years[1].value}`);
  }
  const roles = [single(notes, ROLE, roleTitle), single(said, ROLE, roleTitle)] as const;
  if (roles[0] && roles[1] && roles[0].value !== roles[1].value) {
    add("role", roles[0].sentence, roles[1].sentence, `${roles[0].value} against ${roles[1].value}`);
  }
  const outcome = opposedOutcome(notes, said);
  if (outcome) add("outcome", outcome.before, outcome.after, outcome.detail);
  return findings;
}

interface Change {
  readonly from: number;
  readonly to: number;
  readonly unit: string;
  readonly text: string;
  readonly sentence: string;
}

/** Words that follow a number without being what it counts ("from 5 to 2 by automating"). */
const NOT_UNITS = new Set(
  "a an and at after because before but by for in of on or over since so than the then to when which while with within".split(
    " ",
  ),
);
const FROM_TO =
  /\bfrom\s+([£$€])?(\d+(?:[.,]\d+)?)\s*(%|per\s?cent|[a-z]+)?\s+(?:down\s+|up\s+)?to\s+([£$€])?(\d+(?:[.,]\d+)?)\s*(%|per\s?cent|[a-z]+)?/giu;

function unitOf(currency: string | undefined, word: string | undefined): string | null {
  if (currency) return currency;
  if (!word) return null;
  const lower = word.toLowerCase();
  if (lower === "%" || lower.replace(/\s/gu, "") === "percent") return "%";
  return NOT_UNITS.has(lower) ? null : stem(lower);
}

/** Every "from X to Y" change with a unit on either end; a period of years is not a change. */
function changesIn(sentences: readonly string[]): Change[] {
  return sentences.flatMap((sentence) =>
    [...sentence.matchAll(FROM_TO)].flatMap((match) => {
      const [, currencyA, from, unitA, currencyB, to, unitB] = match;
      const unit = unitOf(currencyA, unitA) ?? unitOf(currencyB, unitB);
      if (unit === null || from === undefined || to === undefined) return [];
      if (/^(?:19|20)\d\d$/u.test(from) && /^(?:19|20)\d\d$/u.test(to)) return [];
      // Our own wording of the change, without a word after it that is not its unit ("… to 2 by").
      const end = (currency: string | undefined, value: string, word: string | undefined) =>
        `${currency ?? ""}${value}${unitOf(undefined, word) === null ? "" : ` ${word}`}`;
      const text = `from ${end(currencyA, from, unitA)} to ${end(currencyB, to, unitB)}`;
      return [
        { from: Number(from.replace(",", ".")), to: Number(to.replace(",", ".")), unit, text, sentence },
      ];
    }),
  );
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};
const TEAM_SIZE =
  /\bteam of (\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\b|\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)[- ](?:person|people|strong) team\b/giu;

function teamSize(match: RegExpMatchArray): string {
  const raw = (match[1] ?? match[2] ?? "").toLowerCase();
  return String(NUMBER_WORDS[raw] ?? Number(raw));
}

const YEAR = /\b(?:19[89]\d|20[0-4]\d)\b/gu;

const ROLE =
  /\b(?:as|i was)\s+(?:the\s+|a\s+|an\s+)?((?:[a-z-]+\s+){0,2}(?:lead|leader|manager|analyst|engineer|intern|director|coordinator|owner|developer|consultant|officer|assistant|head|captain|president|chair|treasurer|secretary|supervisor|associate|designer|scientist|researcher|volunteer|trainee|apprentice))\b/giu;

function roleTitle(match: RegExpMatchArray): string {
  return (match[1] ?? "").toLowerCase().replace(/\s+/gu, " ");
}

/** The one distinct value a pattern finds in the text, with its sentence; null for none or several. */
function single(
  sentences: readonly string[],
  pattern: RegExp,
  value: (match: RegExpMatchArray) => string,
): { value: string; sentence: string } | null {
  const found = sentences.flatMap((sentence) =>
    [...sentence.matchAll(pattern)].map((match) => ({ value: value(match), sentence })),
  );
  const distinct = new Set(found.map((item) => item.value));
  return distinct.size === 1 ? (found[0] ?? null) : null;
}

const MET_DEADLINE =
  /\b(?:on time|(?:met|hit|made|beat) (?:the|our|that) deadline|ahead of schedule|before the deadline)\b/iu;
const MISSED_DEADLINE =
  /\b(?:missed (?:the|our|that) deadline|(?:was|were|went|shipped|launched|delivered|finished|came in) (?:\w+ )?late|behind schedule|after the deadline|past the deadline)\b/iu;
const WON = /\bwon (?:the|that|our) ([a-z]+)/iu;
const LOST = /\blost (?:the|that|our) ([a-z]+)/iu;

function opposedOutcome(
  notes: readonly string[],
  said: readonly string[],
): { before: string; after: string; detail: string } | null {
  const polarity = (sentences: readonly string[]) => {
    const met = sentences.find((sentence) => MET_DEADLINE.test(sentence));
    const missed = sentences.find((sentence) => MISSED_DEADLINE.test(sentence));
    // Both in one text ("we missed the first deadline but the launch was on time"): not clear.
    if (met && missed) return null;
    return met ? { sentence: met, met: true } : missed ? { sentence: missed, met: false } : null;
  };
  const before = polarity(notes);
  const after = polarity(said);
  if (before && after && before.met !== after.met) {
    const word = (met: boolean) => (met ? "the deadline met" : "the deadline missed");
    return {
      before: before.sentence,
      after: after.sentence,
      detail: `${word(before.met)} against ${word(after.met)}`,
    };
  }
  for (const [first, second, detail] of [
    [notes, said, "won against lost"],
    [said, notes, "lost against won"],
  ] as const) {
    const won = first.map((sentence) => ({ sentence, match: WON.exec(sentence) })).find((item) => item.match);
    const object = won?.match?.[1]?.toLowerCase();
    const lost = second.find((sentence) => LOST.exec(sentence)?.[1]?.toLowerCase() === object);
    if (won && lost) {
      const inNotes = first === notes;
      return {
        before: inNotes ? won.sentence : lost,
        after: inNotes ? lost : won.sentence,
        detail: `the ${object} ${detail}`,
      };
    }
  }
  return null;
}

/** Sentences as written (verbatim, trimmed), so each finding can quote one exactly. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0)
    .map((sentence) => (sentence.length > 600 ? sentence.slice(0, 600) : sentence));
}
