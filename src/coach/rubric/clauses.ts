import type { Token } from "../language/tokens.ts";
import type { Sentence } from "./sentences.ts";

/**
 * Who did what in a sentence, read from the model's part-of-speech tags: each verb with its
 * subject ("I" / "we" / someone else / a thing), and whether it was done, hoped for, hypothetical,
 * a state of mind or done to the subject (passive). STAR roles, ownership and outcomes are all
 * judged from these clauses rather than from lists of verbs.
 */

export type Agent = "i" | "we" | "other" | "thing";
export type Mode = "done" | "goal" | "hypothetical" | "state" | "passive";

export interface Clause {
  readonly agent: Agent;
  readonly verb: Token;
  readonly mode: Mode;
  readonly negated: boolean;
  /** Past or present perfect: the clause tells what happened rather than what usually happens. */
  readonly past: boolean;
  /** Past perfect ("had grown"): background to the story, not something that happened in it. */
  readonly background: boolean;
  /** The verb that governs a "to" infinitive after it ("had to", "was asked to"), if any. */
  readonly governs: string | null;
}

const SUBJECTS: Readonly<Record<string, Agent>> = {
  i: "i",
  we: "we",
  he: "other",
  she: "other",
  they: "other",
  someone: "other",
  everyone: "other",
  nobody: "other",
  you: "other",
  it: "thing",
  this: "thing",
  that: "thing",
  which: "thing",
  there: "thing",
};
/** Collective nouns a candidate uses for "us". */
const COLLECTIVE = new Set(["team", "group", "squad", "department", "everyone"]);
const MODALS = new Set(["would", "could", "should", "might", "may", "will", "shall", "must", "'d", "can"]);
/** Verbs of thinking, feeling and wanting: they describe the candidate, not an action. */
const STATES = new Set(
  `be feel think know want need like love hate hope believe seem realise realize wish enjoy prefer understand
  remember forget guess suppose expect worry wonder mean appear look sound care mind notice`.split(/\s+/),
);
const PAST_AUXILIARIES = new Set(["did", "had", "was", "were", "have", "has", "'ve", "got"]);

function isVerbLike(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (!token) return false;
  if (token.pos === "VERB") return true;
  // "I did the rota changes", "we had a quick chat": do/have tagged as auxiliaries but with no
  // verb after them are the main verb.
  if (token.pos === "AUX" && (token.lemma === "do" || token.lemma === "have")) {
    const next = tokens.slice(i + 1, i + 5).filter((t) => t.pos !== "ADV" && t.pos !== "PART");
    const first = next[0];
    return first !== undefined && first.pos !== "VERB" && first.pos !== "AUX" && first.lower !== "to";
  }
  // The model sometimes tags a past tense as a noun right after a pronoun ("I rewrote the
  // script"); a pronoun followed directly by a noun is not English, so it is a verb.
  const previous = tokens[i - 1];
  return (
    (token.pos === "NOUN" || token.pos === "ADJ" || token.pos === "PROPN") &&
    previous?.pos === "PRON" &&
    (previous.lower === "i" || previous.lower === "we") &&
    /^[a-z]+$/.test(token.text)
  );
}

/** "had a quick chat", "had a word": having an event is doing something, having a thing is not. */
const EVENTS = new Set(
  "chat conversation meeting word talk call look session discussion catch-up go".split(" "),
);
function hasEvent(tokens: readonly Token[], i: number): boolean {
  return tokens.slice(i + 1, i + 5).some((t) => EVENTS.has(t.lemma));
}

/** Irregular verbs whose past tense is spelled like the present ("I hit the deadline"). */
const SAME_FORM_PAST = new Set(
  "hit cut put set let read spread shut quit cost split upset beat bet cast broadcast".split(" "),
);

function isPastForm(token: Token): boolean {
  if (token.pos === "AUX") return token.lower === "did" || token.lower === "had";
  if (token.pos !== "VERB") return true; // the mis-tagged past tenses above
  if (token.lower.endsWith("ed") && token.lower.length >= 4) return true; // words the model doesn't know
  if (token.lower === token.lemma) return SAME_FORM_PAST.has(token.lower);
  return !token.lower.endsWith("ing") && !(token.lower.endsWith("s") && !token.lemma.endsWith("s"));
}

function agentOf(token: Token | undefined): Agent | "inherit" | null {
  if (!token) return null;
  const pronoun = SUBJECTS[token.lower];
  if (pronoun && (token.pos === "PRON" || token.pos === "DET" || token.pos === "ADV")) return pronoun;
  if (token.pos === "PRON") return pronoun ?? null;
  if (token.pos === "PROPN") return "other";
  if (token.pos === "NOUN") return COLLECTIVE.has(token.lemma) ? "we" : "thing";
  if (token.pos === "CCONJ") return "inherit";
  return null;
}

export function readClauses(sentence: Sentence): Clause[] {
  const tokens = sentence.tokens.filter((t) => t.pos !== "PUNCT" || /[,;:]/.test(t.text));
  const clauses: Clause[] = [];
  let lastAgent: Agent | null = null;
  for (let i = 0; i < tokens.length; i += 1) {
    if (!isVerbLike(tokens, i)) continue;
    const verb = tokens[i] as Token;
    const between: Token[] = [];
    let j = i - 1;
    while (j >= 0) {
      const t = tokens[j] as Token;
      if (t.pos === "ADV" || t.pos === "AUX" || t.pos === "PART") {
        between.push(t);
        j -= 1;
      } else break;
    }
    const words = between.map((t) => t.lower);
    const infinitive = words[0] === "to";
    if (infinitive) {
      // "had to fix it" / "need to": the auxiliary carries the obligation, "fix" is the goal.
      const obligation = between.find((t) => t.pos === "AUX" && ["have", "need", "ought"].includes(t.lemma));
      const subject = agentOf(tokens[j]);
      if (obligation && subject !== null) {
        const agent: Agent = subject === "inherit" ? (lastAgent ?? "i") : subject;
        clauses.push({
          agent,
          verb: obligation,
          mode: "done",
          negated: false,
          past: true,
          background: false,
          governs: verb.lemma,
        });
        lastAgent = agent;
        continue;
      }
      // "to fix it" completes the verb before it: remember it as that clause's goal.
      const owner = clauses.at(-1);
      if (owner && owner.governs === null && j >= 0 && tokens[j] === owner.verb) {
        clauses[clauses.length - 1] = { ...owner, governs: verb.lemma };
      }
      continue;
    }
    const found = agentOf(tokens[j]);
    let agent: Agent | null = found === "inherit" ? lastAgent : found;
    // Note-style answers drop the "I": "Called the supplier, rebooked the van."
    if (agent === null && j < 0) agent = "i";
    if (agent === null && tokens[j]?.pos === "PUNCT") {
      // After a comma: the same subject as the clause before, or the noun before an aside
      // ("two of my caseworkers, Priya and Tom, disagreed").
      const before = agentOf(tokens[j - 1]);
      agent = lastAgent ?? (before === "inherit" || before === null ? "thing" : before);
    }
    if (agent === null) continue;
    lastAgent = agent;
    const passive =
      words.some((w) => ["was", "were", "been", "being", "got", "is", "am", "are", "be"].includes(w)) &&
      verb.lower !== verb.lemma &&
      !verb.lower.endsWith("ing");
    let mode: Mode = "done";
    if (words.some((w) => MODALS.has(w))) mode = "hypothetical";
    else if (passive) mode = "passive";
    else if (STATES.has(verb.lemma) || (verb.lemma === "have" && !hasEvent(tokens, i))) mode = "state";
    const negated = verb.negated || words.some((w) => w === "not" || w === "n't" || w === "never");
    const past = isPastForm(verb) || words.some((w) => PAST_AUXILIARIES.has(w));
    const background = words.includes("had") && verb.lower !== verb.lemma;
    clauses.push({ agent, verb, mode, negated, past, background, governs: null });
  }
  return clauses;
}

/** "had to", "needed to", "was asked to", "wanted to": a goal or responsibility. */
export function isGoalClause(clause: Clause): boolean {
  if (clause.governs === null) return false;
  return [
    "have",
    "need",
    "want",
    "ask",
    "task",
    "expect",
    "aim",
    "plan",
    "try",
    "hope",
    "decide",
    "agree",
    "mean",
    "set",
    "brief",
    "require",
    "hire",
    "bring",
  ].includes(clause.verb.lemma);
}

/** The candidate did something (past, not hypothetical, not negated, not a state of mind). */
export function isOwnAction(clause: Clause): boolean {
  return (
    clause.agent === "i" && clause.mode === "done" && !clause.negated && clause.past && !isGoalClause(clause)
  );
}

export function isTeamAction(clause: Clause): boolean {
  return (
    clause.agent === "we" && clause.mode === "done" && !clause.negated && clause.past && !isGoalClause(clause)
  );
}

/** Someone else (a named colleague, "my manager", "she") did it: not the candidate's action. */
export function isOthersAction(clause: Clause): boolean {
  return clause.agent === "other" && clause.mode === "done" && clause.past;
}
