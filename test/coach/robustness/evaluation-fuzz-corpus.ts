import type { EvaluationOutput } from "../../../src/coach/openai/llm-output-schemas.ts";
import { LONG_ANSWER_WORDS } from "../../../src/coach/openai/overrule-verdicts.ts";
import { evaluateAnswer as rubricEvaluate } from "../../../src/coach/rubric/index.ts";
import type { InterviewOptions } from "../../../src/core/model/interview-options.ts";
import type { Question } from "../../../src/core/model/question.ts";
import type { ChatReply } from "../../emulators/openai/index.ts";
import { integerBetween, pick, seededRandom } from "../../support/seeded-random.ts";
import * as ex from "../rubric/example-answers.ts";
import { evaluationOutputFor } from "./emulated-model.ts";

/**
 * Requirement 13's corpus: model outputs for the evaluate-answer task, fuzzed in code. Each case
 * names the answer it is about, the reply to the first request and the reply to the one re-ask
 * (when the coach makes it), and what must happen: "kept" (an AI evaluation is returned),
 * "rejected" (a CoachError; never stored) or "either" (only the invariants are checked).
 */

export type Expectation = "kept" | "rejected" | "either";

export interface AnswerFixture {
  readonly name: string;
  readonly question: Question;
  readonly text: string;
  readonly options: InterviewOptions;
}

export interface FuzzCase {
  readonly id: number;
  readonly family: string;
  readonly description: string;
  readonly answer: AnswerFixture;
  readonly first: ChatReply;
  readonly second: ChatReply;
  readonly expect: Expectation;
  /** The score an AI evaluation must carry, when the case pins it. */
  readonly score?: number | null;
}

const emojiAnswer =
  "At Café Northwind I led the support team 💻 through a switch to a new ticketing tool. " +
  "I wrote the migration plan, I trained all twelve agents 🎓 myself, and I ran a daily check-in for the first month. " +
  "As a result, the average first reply time fell from 9 hours to 2, and the naïve backlog of 800 tickets was gone in five weeks 🚀.";

export const ANSWERS: readonly AnswerFixture[] = [
  { name: "complete-star", question: ex.conflictQuestion, text: ex.completeStar, options: ex.options },
  { name: "no-result", question: ex.leadershipQuestion, text: ex.noResultStory, options: ex.options },
  { name: "motivation", question: ex.motivationQuestion, text: ex.motivationAnswer, options: ex.options },
  { name: "emoji-accents", question: ex.leadershipQuestion, text: emojiAnswer, options: ex.options },
  { name: "very-long", question: ex.conflictQuestion, text: ex.veryLong, options: ex.options },
  { name: "junk", question: ex.conflictQuestion, text: "asdf jkl qwer", options: ex.options },
];
const SCORABLE = ANSWERS.filter((answer) => answer.name !== "junk");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Output = Record<string, Json>;

/** A valid output with at least one quote, strength, improvement and flag, so every path exists. */
export function baseOutput(answer: AnswerFixture): Output {
  const output: EvaluationOutput = evaluationOutputFor(answer.question, answer.text, answer.options);
  const firstSentence = answer.text.split(/(?<=[.!?])\s/)[0] ?? answer.text;
  return structuredClone({
    ...output,
    evidence: output.evidence.length > 0 ? output.evidence : [{ quote: firstSentence, shows: "situation" }],
    strengths: output.strengths.length > 0 ? output.strengths : ["You gave a concrete setting."],
    improvements: output.improvements.length > 0 ? output.improvements : ["Add a measurable result."],
    flags: output.flags.length > 0 ? output.flags : ["too-short"],
  }) as unknown as Output;
}

const json = (content: unknown): ChatReply => ({ kind: "json", content });
const text = (content: string): ChatReply => ({ kind: "text", content });

/** Replaces (or, with undefined, deletes) the value at a dotted path ("star.task.evidence", "evidence.0.quote"). */
function setPath(target: Output, path: string, value: Json | undefined): Output {
  const copy = structuredClone(target);
  const keys = path.split(".");
  let node: Record<string, Json> | Json[] = copy;
  for (const key of keys.slice(0, -1)) {
    const child: Json | undefined = (node as Record<string, Json>)[key];
    // An earlier mutation may have removed or replaced the parent: nothing to change then.
    if (child === null || typeof child !== "object") return copy;
    node = child;
  }
  const last = keys.at(-1) ?? "";
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else (node as Record<string, Json>)[last] = value;
  return copy;
}

/** Every leaf and container in an output, with values of a type the schema does not allow there. */
const WRONG_TYPES: readonly [path: string, wrong: readonly Json[]][] = [
  ["scorable", ["true", 1, null, [], {}]],
  ["notScorableReason", [42, "rambling", true, []]],
  ["score", ["85", "85/100", true, [85], { value: 85 }, 72.5]],
  ["star", [null, [], "STAR", 4]],
  ["star.situation", [null, true, "present"]],
  ["star.task.present", ["yes", 1, null]],
  ["star.action.evidence", [42, true, ["I met each of them"], {}]],
  ["star.result.present", ["no", 0]],
  ["quantified", ["yes", 1, null]],
  ["evidence", [null, "quote", {}, 3]],
  ["evidence.0", ["a quote", null, 7]],
  ["evidence.0.quote", [null, 42, ["quote"]]],
  ["evidence.0.shows", [null, false, {}]],
  ["strengths", [null, "Strong answer.", { 0: "x" }]],
  ["strengths.0", [null, 1, { text: "x" }]],
  ["improvements", [null, "Add a result.", 9]],
  ["improvements.0", [null, [], true]],
  ["flags", [null, "too-long", {}]],
  ["flags.0", ["super-candidate", "benefits-first", 3, null]],
];

const REQUIRED_PATHS = [
  "scorable",
  "notScorableReason",
  "score",
  "star",
  "star.situation",
  "star.task",
  "star.action",
  "star.result",
  "star.situation.present",
  "star.task.evidence",
  "star.result.evidence",
  "quantified",
  "evidence",
  "evidence.0.quote",
  "evidence.0.shows",
  "strengths",
  "improvements",
  "flags",
];

/** Text a chat platform could turn into pings, links or formatting: stored as text, neutralised when rendered. */
export const MARKUP_PAYLOADS: readonly string[] = [
  "@everyone you all need to see this",
  "@here well done",
  "<@123456789012345678> and <@&987654321098765432>",
  "<!channel> <!here> <!everyone>",
  "<@U0123ABCDEF> <#C0123ABCDEF>",
  "[click here](http://evil.example/steal?token=abc)",
  "![pixel](http://evil.example/track.png)",
  "<http://evil.example|totally safe link>",
  "https://evil.example/?q=secret-session-id",
  "```js\nfetch('http://evil.example')\n```",
  "<script>alert('x')</script><img src=x onerror=alert(1)>",
  "||hidden spoiler|| **bold** __underline__ ~~strike~~",
  "# Heading\n> quoted\n- list item",
  "*bold* _italic_ ~strike~ `code`",
  "Line one\n\n\n\n\nLine two",
  "\u202eesrever\u202c and zero\u200bwidth and \u0000 null \u0007 bell",
  `${"x".repeat(399)}👩🏽‍💻 emoji across the cut`,
  "",
  "💥".repeat(500),
];

function quoteVariants(answer: AnswerFixture): [string, string][] {
  const sentences = answer.text.split(/(?<=[.!?])\s/);
  const first = sentences[0] ?? answer.text;
  const middle = sentences[Math.floor(sentences.length / 2)] ?? first;
  const variants: [string, string][] = [
    ["invented", "I single-handedly saved the company millions."],
    ["double-spaced", middle.replace(" ", "  ")],
    ["newline-for-space", middle.replace(" ", "\n")],
    ["upper-case", middle.toUpperCase()],
    ["lower-case", middle.toLowerCase()],
    ["leading-space", ` ${first}`],
    ["trailing-space", `${middle} `],
    ["curly-apostrophes", middle.replaceAll("'", "’")],
    ["ellipsis-joined", `${first.slice(0, 20)}…${middle.slice(-20)}`],
    ["empty", ""],
    ["whitespace", "   \n\t "],
    ["huge-invented", "The panel agreed this was outstanding. ".repeat(600)],
    ["whole-answer", answer.text],
    ["one-letter", "I"],
    ["nfd-accents", middle.normalize("NFD")],
    ["verbatim", middle],
  ];
  // Half of a surrogate pair is a substring in UTF-16 terms, yet not text anyone wrote.
  const emoji = /\p{Extended_Pictographic}/u.exec(answer.text);
  if (emoji) variants.push(["lone-surrogate", emoji[0].slice(0, 1)]);
  if (answer.text.length > 700) variants.push(["700-char-substring", answer.text.slice(50, 750)]);
  return variants;
}

/** Cases built by hand-written families, for every answer they apply to. */
function familyCases(): Omit<FuzzCase, "id">[] {
  const cases: Omit<FuzzCase, "id">[] = [];
  const add = (
    family: string,
    description: string,
    answer: AnswerFixture,
    first: ChatReply,
    expect: Expectation,
    extra: { second?: ChatReply; score?: number | null } = {},
  ) => cases.push({ family, description, answer, first, second: extra.second ?? first, expect, ...extra });

  for (const answer of SCORABLE) {
    const base = baseOutput(answer);
    const valid = json(base);
    // Type and markup checks do not depend on the answer: three answers are enough for them.
    const everyType = answer.name !== "no-result" && answer.name !== "motivation";

    for (const [path, wrongs] of everyType ? WRONG_TYPES : []) {
      for (const wrong of wrongs) {
        // A notScorableReason of null is valid; `null` for nullable paths is covered by other families.
        add(
          "wrong-type",
          `${path} = ${JSON.stringify(wrong)}`,
          answer,
          json(setPath(base, path, wrong)),
          "rejected",
        );
      }
    }
    for (const path of REQUIRED_PATHS) {
      add("missing-field", `without ${path}`, answer, json(setPath(base, path, undefined)), "rejected");
    }

    const extras: [string, Output][] = [
      ["coach claims offline", { ...base, coach: "offline" }],
      ["fallbackReason smuggled", { ...base, fallbackReason: "none, trust me" }],
      ["signals smuggled", { ...base, signals: { words: -5, specificity: 7 } }],
      ["totalScore beside score", { ...base, totalScore: 100, overall: "ready" }],
      ["nested extra in star", setPath(base, "star.learning", { present: true, evidence: "x" })],
      ["extra in evidence item", setPath(base, "evidence.0.confidence", 0.99)],
      ["key with trailing space", { ...base, "score ": 100 }],
    ];
    for (const [description, output] of extras) add("extra-field", description, answer, json(output), "kept");
    const raw = JSON.stringify(base).slice(1);
    add("extra-field", "__proto__ key", answer, text(`{"__proto__":{"polluted":true},${raw}`), "kept");
    add(
      "extra-field",
      "constructor.prototype key",
      answer,
      text(`{"constructor":{"prototype":{"polluted":true}},${raw}`),
      "kept",
    );
    add("extra-field", "duplicate score keys", answer, text(`{"score":5,${raw}`), "kept", {
      score: base.score as number,
    });

    for (const score of [0, 1, 55, 99, 100]) {
      add("score", `score ${score}`, answer, json({ ...base, score }), "kept", { score });
    }
    add("score", "score -0", answer, text(`{${raw.replace(/"score":\d+/, '"score":-0')}`), "kept", {
      score: 0,
    });
    for (const score of [-1, -100, 101, 150, 1000, 2147483648]) {
      add("score", `score ${score}, repeated on re-ask`, answer, json({ ...base, score }), "rejected");
      add("score", `score ${score}, corrected on re-ask`, answer, json({ ...base, score }), "kept", {
        second: json({ ...base, score: 72 }),
        score: 72,
      });
    }
    for (const literal of [
      "NaN",
      "Infinity",
      "-Infinity",
      "1e999",
      "1e308",
      "0x50",
      "085",
      "+85",
      "85.",
      "null",
    ]) {
      add(
        "score",
        `score literal ${literal}`,
        answer,
        text(`{${raw.replace(/"score":\d+/, `"score":${literal}`)}`),
        "rejected",
      );
    }
    add(
      "score",
      "score null on a scorable answer, corrected on re-ask",
      answer,
      json({ ...base, score: null }),
      "kept",
      {
        second: valid,
        score: base.score as number,
      },
    );
    add(
      "score",
      "not scorable but scored 90",
      answer,
      json({ ...base, scorable: false, notScorableReason: "off-topic", score: 90 }),
      "kept",
      { score: null },
    );
    // "Too short" on a long answer the rubric scores contradicts the measurement and is overruled.
    const measured = rubricEvaluate({
      question: answer.question,
      answerText: answer.text,
      options: answer.options,
    });
    add(
      "score",
      "not scorable but scored -5",
      answer,
      json({ ...base, scorable: false, notScorableReason: "too-short", score: -5 }),
      measured.scorable && measured.signals.words >= LONG_ANSWER_WORDS ? "rejected" : "kept",
      { score: null },
    );

    for (const [name, quote] of quoteVariants(answer)) {
      add("quote", `evidence quote ${name}`, answer, json(setPath(base, "evidence.0.quote", quote)), "kept");
      add(
        "quote",
        `STAR evidence ${name}`,
        answer,
        json(setPath(base, "star.action.evidence", quote)),
        "kept",
      );
    }
    const realQuotes = answer.text.split(/(?<=[.!?])\s/).map((quote) => ({ quote, shows: "detail" }));
    add(
      "quote",
      "50 evidence items",
      answer,
      json({ ...base, evidence: Array.from({ length: 50 }, (_, i) => realQuotes[i % realQuotes.length]) }),
      "kept",
    );

    for (const payload of everyType ? MARKUP_PAYLOADS : []) {
      add(
        "markup",
        `strength ${JSON.stringify(payload.slice(0, 30))}`,
        answer,
        json({ ...base, strengths: [payload] }),
        "kept",
      );
      add(
        "markup",
        `improvement ${JSON.stringify(payload.slice(0, 30))}`,
        answer,
        json({ ...base, improvements: [payload, payload] }),
        "kept",
      );
      add(
        "markup",
        `shows ${JSON.stringify(payload.slice(0, 30))}`,
        answer,
        json(setPath(base, "evidence.0.shows", payload)),
        "kept",
      );
    }
    add(
      "strings",
      "10,000-character strength",
      answer,
      json({ ...base, strengths: ["Very good. ".repeat(1000)] }),
      "kept",
    );
    add(
      "strings",
      "100 improvements",
      answer,
      json({ ...base, improvements: Array.from({ length: 100 }, (_, i) => `Improvement ${i}`) }),
      "kept",
    );
    add(
      "strings",
      "huge shows",
      answer,
      json(setPath(base, "evidence.0.shows", "shows ".repeat(2000))),
      "kept",
    );

    const shapes: [string, ChatReply][] = [
      ["array instead of object", json([base])],
      ["wrapped in evaluation", json({ evaluation: base })],
      ["JSON string of the object (double-encoded)", text(JSON.stringify(JSON.stringify(base)))],
      ["null", json(null)],
      ["number", json(42)],
      ["bare string", json("looks good")],
      ["boolean", json(true)],
      ["empty object", json({})],
      ["every value null", json(Object.fromEntries(Object.keys(base).map((key) => [key, null])))],
      ["nested 3,000 deep", text(`${"[".repeat(3000)}${"]".repeat(3000)}`)],
      ["markdown code fence", text(`\`\`\`json\n${JSON.stringify(base)}\n\`\`\``)],
      ["prose before JSON", text(`Sure! Here is the evaluation: ${JSON.stringify(base)}`)],
      ["two objects", text(`${JSON.stringify(base)}${JSON.stringify(base)}`)],
      ["byte-order mark", text(`\uFEFF${JSON.stringify(base)}`)],
      ["empty content", text("")],
      ["truncated JSON", { kind: "malformed-json" }],
      ["refusal", { kind: "refusal", refusal: "I can't assess this." }],
      ["finish_reason length", { kind: "length" }],
      ["finish_reason length with complete JSON", { kind: "length", content: JSON.stringify(base) }],
    ];
    for (const [description, reply] of shapes) add("shape", description, answer, reply, "rejected");
    add("shape", "whitespace around JSON", answer, text(`\n\n  ${JSON.stringify(base)}  \n`), "kept");
    add(
      "shape",
      "keys in reverse order",
      answer,
      json(Object.fromEntries(Object.entries(base).reverse())),
      "kept",
    );

    const semantics: [string, Output, Expectation, { second?: ChatReply; score?: number | null }?][] = [
      [
        "not scorable without a reason",
        { ...base, scorable: false, notScorableReason: null, score: null },
        "rejected",
      ],
      [
        "not scorable without a reason, corrected",
        { ...base, scorable: false, notScorableReason: null },
        "kept",
        { second: valid },
      ],
      ["scorable with a reason", { ...base, notScorableReason: "gibberish" }, "kept"],
      [
        "reason skipped (not the model's)",
        { ...base, scorable: false, notScorableReason: "skipped", score: null },
        "rejected",
      ],
      [
        "reason coach-unavailable",
        { ...base, scorable: false, notScorableReason: "coach-unavailable", score: null },
        "rejected",
      ],
      ["duplicate flags", { ...base, flags: ["too-long", "too-long", "mostly-we"] }, "kept"],
      [
        "not scorable with strengths",
        { ...base, scorable: false, notScorableReason: "off-topic", score: null, strengths: ["Great!"] },
        "kept",
        { score: null },
      ],
      ["present without evidence", setPath(base, "star.result", { present: true, evidence: null }), "kept"],
      ["absent with evidence", setPath(base, "star.situation.present", false), "kept"],
      ["quantified as string", { ...base, quantified: "yes" }, "rejected"],
    ];
    for (const [description, output, expect, extra] of semantics)
      add("semantics", description, answer, json(output), expect, extra);
  }

  // A junk answer the model scores anyway: the model's scorability is trusted (see the report).
  const junk = ANSWERS.find((answer) => answer.name === "junk");
  if (junk) {
    const base = baseOutput(junk);
    add("junk", "junk answer, model agrees it is not scorable", junk, json(base), "kept", { score: null });
    add(
      "junk",
      "junk answer, model gives 95 with invented quotes",
      junk,
      json({
        ...base,
        scorable: true,
        notScorableReason: null,
        score: 95,
        evidence: [{ quote: "I led the team", shows: "action" }],
      }),
      "either",
    );
  }
  return cases;
}

type Mutation = (output: Output, random: () => number, answer: AnswerFixture) => Output;

const MUTATIONS: readonly Mutation[] = [
  (o, r) => {
    const [path, wrongs] = pick(r, WRONG_TYPES);
    return setPath(o, path, pick(r, wrongs));
  },
  (o, r) => setPath(o, pick(r, REQUIRED_PATHS), undefined),
  (o, r) => ({
    ...o,
    [`extra_${integerBetween(r, 0, 99)}`]: pick(r, [1, "x", null, [], { a: 1 }] as Json[]),
  }),
  (o, r) => ({ ...o, score: pick(r, [-50, -1, 0, 37, 100, 101, 999, 64.5, "70", null] as Json[]) }),
  (o, r) => ({ ...o, scorable: pick(r, [true, false]) }),
  (o, r) => ({
    ...o,
    notScorableReason: pick(r, [null, "empty", "too-short", "gibberish", "off-topic", "skipped"]),
  }),
  (o, r, a) => {
    const [, quote] = pick(r, quoteVariants(a));
    return setPath(
      o,
      pick(r, ["evidence.0.quote", "star.situation.evidence", "star.result.evidence"]),
      quote,
    );
  },
  (o, r) => ({ ...o, strengths: [pick(r, MARKUP_PAYLOADS), pick(r, MARKUP_PAYLOADS)] }),
  (o, r) => ({
    ...o,
    improvements: Array.from({ length: integerBetween(r, 0, 12) }, () => pick(r, MARKUP_PAYLOADS)),
  }),
  (o, r) => ({
    ...o,
    flags: [pick(r, ["too-long", "too-short", "mostly-we", "heavy-filler", "benefits-first", "bogus"])],
  }),
  (o, r) => ({ ...o, quantified: pick(r, [true, false, "true", 1] as Json[]) }),
  (o, r, a) => ({
    ...o,
    evidence: Array.from({ length: integerBetween(r, 0, 12) }, () => ({
      quote: pick(r, quoteVariants(a))[1],
      shows: pick(r, MARKUP_PAYLOADS),
    })),
  }),
];

/** Seeded combinations of one to three mutations: the cases nobody thought to write. */
function randomCases(count: number, seed: number): Omit<FuzzCase, "id">[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const answer = pick(random, ANSWERS);
    const base = baseOutput(answer);
    let output = base;
    const steps = integerBetween(random, 1, 3);
    for (let step = 0; step < steps; step += 1) output = pick(random, MUTATIONS)(output, random, answer);
    let second: Output = output;
    const secondKind = random();
    if (secondKind < 0.3) second = base;
    else if (secondKind < 0.6) second = pick(random, MUTATIONS)(base, random, answer);
    return {
      family: "random",
      description: `${steps} random mutation(s)`,
      answer,
      first: json(output),
      second: json(second),
      expect: "either" as const,
    };
  });
}

export function fuzzCases(seed: number, randomCount: number): FuzzCase[] {
  return [...familyCases(), ...randomCases(randomCount, seed)].map((item, id) => ({ id, ...item }));
}
