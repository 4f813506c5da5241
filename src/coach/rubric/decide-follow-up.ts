import type { Difficulty } from "../../core/model/interview-vocabulary.ts";
import type { FollowUpDecision, FollowUpRequest, MissingElement } from "../../core/ports/coach-port.ts";
import { analyseAnswer } from "./analyse-answer.ts";
import { clauseQuote, startsWithSubject, startsWithWe } from "./quotes.ts";
import type { Sentence } from "./sentences.ts";

/**
 * Whether to probe, the way a real interviewer would: quote what the candidate said and ask for
 * the piece that is missing. Only stories get probed (behavioural and revisit questions), only
 * when the answer was a real attempt, and never once the probe budget is spent.
 */

const QUOTE_WORDS = 12;
const SPECIFICITY_FLOOR = 0.3;
/** A tough panel wants more concrete detail before it is satisfied. */
const TOUGH_SPECIFICITY_FLOOR = 0.5;

function missingElements(a: ReturnType<typeof analyseAnswer>, difficulty: Difficulty): MissingElement[] {
  const missing: MissingElement[] = [];
  if (!a.star.result) missing.push("result", "numbers");
  else if (!a.star.quantifiedResult) missing.push("numbers");
  // A supportive panel only asks how the story ended, and only when it did not say.
  if (difficulty === "supportive") return missing.includes("result") ? ["result"] : [];
  if (a.ownership.mostlyWe || a.star.ownActions.length === 0) missing.push("own-action");
  // A tough panel also probes a story with no scene or no stated goal, as a gap in specifics.
  const floor = difficulty === "tough" ? TOUGH_SPECIFICITY_FLOOR : SPECIFICITY_FLOOR;
  const unanchored = difficulty === "tough" && (!a.star.situation || !a.star.task);
  if (a.specificity.score < floor || unanchored) missing.push("specifics");
  return missing;
}

/** The bit of the answer the probe refers back to: a clause that reads well on its own. */
function anchor(a: ReturnType<typeof analyseAnswer>, missing: readonly MissingElement[]): string {
  const { star } = a;
  let sentence: Sentence | undefined;
  let where: ((lower: string) => boolean) | undefined;
  if (missing.includes("own-action")) {
    sentence = star.teamActions[0] ?? star.action ?? undefined;
    where = startsWithWe;
  } else if (missing.includes("result")) {
    // What they did last is where the missing ending should have come.
    sentence = star.ownActions.at(-1) ?? star.teamActions.at(-1);
    where = startsWithSubject;
  } else if (missing.includes("numbers")) {
    sentence = star.result ?? undefined;
    where = startsWithSubject;
  }
  sentence ??= a.counted[0];
  if (!sentence) return "";
  const last = missing.includes("result") && !missing.includes("own-action");
  return clauseQuote(sentence, where ? { maxWords: QUOTE_WORDS, where, last } : { maxWords: QUOTE_WORDS });
}

function ask(missing: readonly MissingElement[], hasSituation: boolean): string {
  const own = missing.includes("own-action");
  // No scene and no detail usually means a hypothetical ("I would…"): ask for a real example first.
  if (missing.includes("specifics") && !hasSituation) {
    return "Can you give me a specific example: when was this, who was involved, and what did you do?";
  }
  if (missing.includes("result")) {
    return own
      ? "What did you personally do there, and what was the result? Can you put a number on it?"
      : "What was the result, and can you put a number on it?";
  }
  if (missing.includes("numbers")) {
    return own
      ? "What did you personally do there, and can you put a number on the result?"
      : "Can you put a number on that: how much time or money did it save, or how many people did it affect?";
  }
  if (own) return "What did you personally do there?";
  return "Can you be more specific: when was this, who was involved, and what exactly happened?";
}

/** A tough panel asks for every missing piece at once, numbers included. */
function askEverything(missing: readonly MissingElement[], a: ReturnType<typeof analyseAnswer>): string {
  const asks: string[] = [];
  if (missing.includes("specifics")) {
    asks.push(!a.star.situation ? "when and where was this" : "what exactly were you responsible for");
  }
  if (missing.includes("own-action")) asks.push("what did you personally do");
  if (missing.includes("result")) asks.push("what was the result");
  if (missing.includes("numbers")) asks.push("what number shows it: time, money, people or percentage");
  const [first, ...rest] = asks;
  if (!first) return "Can you be more specific?";
  const list = rest.length === 0 ? first : `${[first, ...rest.slice(0, -1)].join(", ")} and ${rest.at(-1)}`;
  return `I'd like the detail: ${list}?`;
}

export function decideFollowUp(request: FollowUpRequest): FollowUpDecision {
  const kind = request.question.kind;
  if (request.probesRemaining <= 0 || (kind !== "behavioural" && kind !== "revisit")) return { probe: false };
  const a = analyseAnswer(request);
  if (a.notScorable !== null) return { probe: false };
  // Options stored before difficulty existed read as standard.
  const difficulty = request.options.difficulty ?? "standard";
  const missing = missingElements(a, difficulty);
  if (missing.length === 0) return { probe: false };
  const quoted = anchor(a, missing);
  const question =
    difficulty === "supportive"
      ? "How did that turn out in the end?"
      : difficulty === "tough"
        ? askEverything(missing, a)
        : ask(missing, a.star.situation !== null);
  const text = quoted ? `You said "${quoted}". ${question}` : question;
  return { probe: true, missing, text };
}
