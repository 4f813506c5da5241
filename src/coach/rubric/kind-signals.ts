import type { InterviewOptions } from "../../core/model/interview-options.ts";
import { FLATTERY_PHRASES } from "./lexicons.ts";
import { findQuantities } from "./quantification.ts";
import { analysisForm, type Sentence } from "./sentences.ts";
import { measureSpecificity } from "./specificity.ts";
import { hasOwnAction, isResult, isSituation } from "./star-detection.ts";
import { phraseList, phraseRegex } from "./text-match.ts";

/**
 * What motivation, culture-fit and practical answers are judged on (prompts/rubric.md). These
 * questions are not stories, so they have their own criteria instead of STAR.
 */

export interface KindSignals {
  /** Motivation: mentions the company, the role, or "your product / this team". */
  readonly companyTie: Sentence | null;
  /** Motivation: a company/role sentence that also carries a concrete detail. */
  readonly specificTie: Sentence | null;
  /** Motivation: links to the candidate's own experience. */
  readonly experience: Sentence | null;
  /** Practical: backs the answer up ("based on", "my contract", "because"). */
  readonly reason: Sentence | null;
  /** Motivation: a reason for wanting the job ("because", "what draws me", "I'm keen to"). */
  readonly motive: Sentence | null;
  readonly flattery: boolean;
  /** Practical: a clear figure, range or date. */
  readonly figure: Sentence | null;
  /** Culture-fit: a concrete example, and what came of it. */
  readonly example: Sentence | null;
  readonly outcome: Sentence | null;
}

const DIRECTED = phraseRegex(
  phraseList(`this role | the role | this position | this job | your team | your company | your product |
  your products | your customers | your mission | your values | your work | your approach | your platform |
  your clients | your strategy | you're doing | you are doing | you do`),
);
const EXPERIENCE = phraseRegex(
  phraseList(`in my current role | in my last role | in my previous role | my experience | i've spent | i have spent |
  i've been | i have been | i've worked | i have worked | i worked | i've built | i have built | i've led |
  i've managed | at my current | at my last | over the last | for the past | i've learned | i've developed |
  my background | my placement | my internship | my degree | my dissertation | my course | i've done | i have done |
  i spent | i volunteered | i've volunteered | on placement | during my`),
);
const REASON = phraseRegex(
  phraseList(`because | that's why | which is why | the reason | what attracts me | what draws me | appeals to me |
  based on | in line with | given my | given that | reflects | benchmark | market rate | going rate | research |
  so that | since i | as i | my contract | contractual | so i could | so i can | which means | that means |
  at my current | with my current | i have booked | i've booked | i'd need | i would need | in my contract | my current salary | i'm looking for | i am looking for`),
);
const MOTIVE = phraseRegex(
  phraseList(`because | that's why | which is why | the reason | what attracts me | attracts me | what draws me |
  drawn to | appeals to me | excites me | i'm excited | i am excited | i want to | i'd like to | i would like to |
  i'm keen | i am keen | i'm looking for | i am looking for | interested in | interests me | motivates me |
  i want | i'd want | i care | what i care | i'd love | i would love | for me | matters to me | i'm drawn |
  i am drawn | i enjoy | i enjoyed | i loved | i love | that's what | which is what | why i`),
);
const FLATTERY = phraseRegex(FLATTERY_PHRASES);
const EXAMPLE = phraseRegex(
  phraseList(`for example | for instance | a good example | one example | one time | once when | recently i |
  when i | last year | last month | in my last | in my previous | at my last`),
);
const DATE_OR_FIGURE =
  /(?<![\p{L}\p{N}])(?:\d|immediately|straight away|right away|one|two|three|four|six|twelve)|\b(?:january|february|march|april|june|july|august|september|october|november|december|notice)\b/u;

const FIGURE_ENTITIES = new Set(["DATE", "DURATION", "MONEY", "CARDINAL", "PERCENT", "TIME"]);
/** A plain answer to a yes/no practical question ("Yes, I have settled status", "I'm happy to"). */
const DIRECT_ANSWER =
  /^\W*(?:yes|no|yeah|absolutely|definitely|of course|certainly|sure|not at all|i can|i could|i can't|i cannot|i'm able|i am able|i'm happy|i am happy|i'd be|i would be|i'm willing|i am willing|i'm open|i am open|i'm fully|i am fully|i have|i don't|i do)\b/u;
const MONEY = /[£$€]\s?\d|\d\s?(?:k|grand)(?![\p{L}])|\d\s?(?:pounds|dollars|euros)/u;

/** Words of organisation names that say nothing about which organisation it is. */
const GENERIC_NAME_WORDS = new Set(
  `the and of for trust foundation teaching hospital hospitals group limited ltd plc llp inc uk bank council
  university college school services service company partners international global national city county`.split(
    /\s+/,
  ),
);

export function mentions(sentence: Sentence, needle: string): boolean {
  // "Shelter's campaigning" mentions Shelter.
  const words = sentence.words.map((word) => word.replace(/'s$/u, ""));
  return needle.length > 0 && ` ${words.join(" ")} `.includes(` ${needle} `);
}

/** A company or role name as it is matched against a sentence's words. */
function nameForm(name: string): string {
  return analysisForm(name)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]/gu, " ")
    .trim();
}

/**
 * The ways a candidate names the company: in full, or by any distinctive word of it, since people
 * shorten names ("Northwind" for "Northwind Energy", "the NHS" for "Bradford Teaching Hospitals NHS
 * Foundation Trust").
 */
export function companyNames(companyName: string): string[] {
  const company = nameForm(companyName);
  const shortNames = company.split(" ").filter((word) => word.length >= 3 && !GENERIC_NAME_WORDS.has(word));
  return [company, ...shortNames];
}

/**
 * `onTopic` says whether a sentence uses the question's own words; a practical answer's figure
 * must be about the question (or be money), not any number from a story.
 */
export function detectKindSignals(
  sentences: readonly Sentence[],
  options: InterviewOptions,
  onTopic: (sentence: Sentence) => boolean,
): KindSignals {
  const company = nameForm(options.company);
  const role = nameForm(options.role);
  const names = [...companyNames(options.company), role];
  const ties = sentences.filter((s) => names.some((name) => mentions(s, name)) || DIRECTED.test(s.lower));
  // The detail must be about them, not just their name: count details beyond the company name.
  const specificTie =
    ties.find((s) => {
      // Praise is not a reason, however many superlatives it carries.
      if (FLATTERY.test(s.lower)) return false;
      const detail = measureSpecificity([s]);
      const companyIsTheOnlyName = mentions(s, company) && detail.names <= company.split(" ").length;
      return (
        detail.numbers + detail.concrete + detail.dates > 0 || (detail.names > 0 && !companyIsTheOnlyName)
      );
    }) ?? null;
  // A clear answer comes first: a figure, date or plain yes/no must open the answer (first two
  // sentences), read from the model's entities; a number inside a story is not an answer.
  const figure =
    sentences
      .slice(0, 2)
      .find(
        (s) =>
          (DIRECT_ANSWER.test(s.lower) ||
            MONEY.test(s.lower) ||
            s.tokens.some((t) => t.entity !== null && FIGURE_ENTITIES.has(t.entity)) ||
            ((findQuantities(s.lower).length > 0 || DATE_OR_FIGURE.test(s.lower)) && onTopic(s))) &&
          !(hasOwnAction(s) && !DIRECT_ANSWER.test(s.lower)),
      ) ?? null;
  const example = sentences.find((s) => EXAMPLE.test(s.lower) || isSituation(s) || hasOwnAction(s)) ?? null;
  return {
    companyTie: ties[0] ?? null,
    specificTie,
    experience: sentences.find((s) => EXPERIENCE.test(s.lower) || hasOwnAction(s)) ?? null,
    reason: sentences.find((s) => REASON.test(s.lower)) ?? null,
    motive: sentences.find((s) => MOTIVE.test(s.lower)) ?? null,
    flattery: sentences.some((s) => FLATTERY.test(s.lower)),
    figure,
    example,
    outcome: example ? (sentences.find((s) => s.index >= example.index && isResult(s)) ?? null) : null,
  };
}
