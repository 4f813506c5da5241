import type { Sentence } from "./sentences.ts";

/**
 * Finds numbers that measure something: a percentage, money, a multiple, or a number with a unit
 * or context ("3 days", "40 tickets", "two weeks"). A bare number or year is not a measurement,
 * which is why "in 2021" never makes a result "quantified".
 */

const NUMBER = String.raw`(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a hundred|a thousand|hundreds|thousands|dozens|a dozen|half|a third|a quarter|a fifth)`;
const UNITS =
  "(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|quarters?|people|persons?|staff|employees|colleagues|customers?|clients?|users?|tenants?|patients?|students?|tickets?|calls?|complaints?|orders?|cases?|requests?|leads?|deals?|sales|accounts?|members?|engineers?|developers?|volunteers?|hires?|errors?|bugs?|incidents?|defects?|issues?|points?|sites?|stores?|branches?|shifts?|projects?|reports?|pages?|items?|units?|applications?|sign-?ups?|downloads?|visits?|subscribers?|pounds|dollars|euros|grand|places?|positions?|stars?|kg|tonnes?|miles?|km|beds?|jobs?|roles?|steps?|invoices?|emails?|messages?|meetings?)";
const YEAR = /^(?:19|20)\d{2}$/;

const QUANTITY_PATTERNS: readonly RegExp[] = [
  /\d(?:[\d,]*(?:\.\d+)?)\s?(?:%|percent(?![\p{L}])|per cent(?![\p{L}]))/gu,
  /[£$€]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|million|billion|thousand)?/gu,
  /(?<![\p{L}\p{N}])\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|million|billion|thousand)(?![\p{L}\p{N}])/gu,
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])${NUMBER}(?:[\s-]+[\p{L}'-]+){0,2}?[\s-]+${UNITS}(?![\p{L}\p{N}])`,
    "gu",
  ),
  /(?<![\p{L}\p{N}])(?:doubled|halved|tripled|quadrupled|twice as|by half|in half|\d+(?:\.\d+)?\s?(?:x|times))(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])(?:\d+|first|second|third|fourth|fifth|top) (?:out )?of (?:the |all )?\d+(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])(?:top \d+|\d+(?:st|nd|rd|th) (?:place|position))(?![\p{L}\p{N}])/gu,
];
const FROM_TO = /(?<![\p{L}\p{N}])from [£$€]?(\d[\d,.]*)\S* to [£$€]?(\d[\d,.]*)/gu;

/** The measurement phrases in a sentence's lower-case text, in order of appearance. */
export function findQuantities(lower: string): string[] {
  const found: { at: number; text: string }[] = [];
  for (const pattern of QUANTITY_PATTERNS) {
    for (const match of lower.matchAll(pattern)) found.push({ at: match.index, text: match[0] });
  }
  for (const match of lower.matchAll(FROM_TO)) {
    // "from 2019 to 2021" is a period of time, not a measured change.
    if (!(YEAR.test(match[1] ?? "") && YEAR.test(match[2] ?? "")))
      found.push({ at: match.index, text: match[0] });
  }
  return found.sort((a, b) => a.at - b.at || b.text.length - a.text.length).map((item) => item.text);
}

export function hasQuantity(sentence: Sentence): boolean {
  return findQuantities(sentence.lower).length > 0;
}

const NUMBER_TOKEN =
  /(?<![\p{L}\p{N}])(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen|half|double|doubled|halved)(?![\p{L}])/gu;

/** Every number-like token, years included; specificity counts these as detail. */
export function numberTokens(lower: string): string[] {
  return lower.match(NUMBER_TOKEN) ?? [];
}
