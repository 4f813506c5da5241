import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { eld as Detector } from "eld/extrasmall";

/**
 * The language an answer is written in (ISO 639-1), from eld's n-gram model, which ships inside
 * its npm package. Short or mixed texts are reported as English unless another language is clear:
 * a wrong "not English" would refuse a real answer, while a missed one only gets English feedback.
 */

const ENGLISH_FUNCTION_WORDS = new Set(
  "the and i to of a in was my we it that for on with is had as at but so they this were be our me".split(
    " ",
  ),
);

export interface DetectedLanguage {
  readonly code: string;
  readonly english: boolean;
}

const MIN_WORDS = 8;

let detector: typeof Detector | undefined;

/**
 * eld's n-gram tables, loaded the first time an answer does not read as English prose. They take
 * some 80 MB of a process's memory, which a community that practises in English never needs.
 * Loaded synchronously (Node requires an ES module that has no top-level await) so the rubric
 * stays a plain function.
 */
function ngramDetector(): typeof Detector {
  detector ??= (
    createRequire(import.meta.url)(fileURLToPath(import.meta.resolve("eld/extrasmall"))) as {
      eld: typeof Detector;
    }
  ).eld;
  return detector;
}

/** How far ahead of English another language must score to be believed. */
const MARGIN = 0.08;

export function detectLanguage(text: string, words: number): DetectedLanguage {
  if (words < MIN_WORDS) return { code: "en", english: true };
  // English prose is full of its function words; an answer where they are common is English
  // prose, whatever odd characters or names make the n-grams waver (and needs no n-gram model).
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const functionWords = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t)).length;
  if (tokens.length > 0 && functionWords / tokens.length >= 0.12) return { code: "en", english: true };
  const result = ngramDetector().detect(text);
  const scores = result.getScores();
  const best = result.language;
  if (best === "" || best === "en" || !result.isReliable()) return { code: "en", english: true };
  const english = scores.en ?? 0;
  const other = scores[best] ?? 0;
  return other - english >= MARGIN ? { code: best, english: false } : { code: "en", english: true };
}
