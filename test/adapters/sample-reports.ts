import type { Evaluation } from "../../src/core/model/evaluation.ts";
import { CORE_COMPETENCIES } from "../../src/core/model/interview-vocabulary.ts";
import { PREPARATION_ITEMS, type PreparationReport } from "../../src/core/model/preparation.ts";
import type { OutboundMessage, Reply, ReplyAction } from "../../src/core/model/reply.ts";
import { type Report, type ReportQuestion, ReportSchema } from "../../src/core/model/report.ts";
import type { DeliveryMeasures, DeliverySummary } from "../../src/core/model/voice.ts";

/** Report builders shared by the Discord and Slack renderer tests. */

const WORDS = [
  "I",
  "rebuilt",
  "the",
  "weekly",
  "pipeline",
  "and",
  "cut",
  "errors",
  "by",
  "40%",
  "for",
  "team",
];

/** Text of exactly `length` characters made of words, tagged so each one can be found again. */
export function wordyText(tag: string, length: number): string {
  let text = `${tag}`;
  for (let index = 0; text.length < length; index += 1) text += ` ${WORDS[index % WORDS.length]}`;
  return text.slice(0, length).trimEnd().padEnd(length, ".");
}

export function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    coach: "llm",
    fallbackReason: null,
    scorable: true,
    notScorableReason: null,
    score: 72,
    star: {
      situation: { present: true, evidence: "Our quarterly report kept shipping late." },
      task: { present: true, evidence: "I had to get it out on time." },
      action: { present: true, evidence: "I rebuilt the pipeline in two weeks." },
      result: { present: false, evidence: null },
    },
    quantified: false,
    evidence: [
      { quote: "I rebuilt the pipeline in two weeks.", shows: "ownership of the fix" },
      { quote: "Our quarterly report kept shipping late.", shows: "a clear situation" },
    ],
    strengths: ["Clear ownership of the action."],
    improvements: ["Say what changed afterwards, with a number."],
    flags: [],
    signals: {
      words: 180,
      sentences: 9,
      fillerPer100Words: 1,
      hedgesPer100Words: 0.5,
      firstPersonSingular: 8,
      firstPersonPlural: 2,
      specificity: 0.6,
      relevance: 0.8,
    },
    ...overrides,
  };
}

export function reportQuestion(index: number, overrides: Partial<ReportQuestion> = {}): ReportQuestion {
  return {
    questionId: `q-${index + 1}`,
    questionText: `Tell me about a time you had to deliver under pressure (question ${index + 1}).`,
    kind: "behavioural",
    competency: CORE_COMPETENCIES[index % CORE_COMPETENCIES.length] ?? null,
    status: "answered",
    probed: index % 2 === 0,
    hintUsed: index % 3 === 0,
    timing: { secondsToAnswer: 125, words: 180 },
    evaluation: evaluation(),
    ...overrides,
  };
}

const BASE: Omit<Report, "questions"> = {
  role: "Data Analyst",
  company: "Acme",
  stage: "second",
  overallScore: 68,
  band: "almost",
  scorableAnswers: 2,
  competencyCoverage: CORE_COMPETENCIES.map((competency, index) => ({
    competency,
    covered: index < 2,
    score: index < 2 ? 68 : null,
  })),
  candidateQuestions: {
    quality: "strategic",
    questions: ["What does success look like in the first 90 days?"],
    feedback: "Good: this shows you are thinking about doing the job well.",
  },
  strengths: ["You own your actions."],
  improvements: ["Quantify results."],
  coaches: ["llm", "offline (fallback)"],
  endedEarly: false,
  tokenUsage: { inputTokens: 12_345, outputTokens: 2_345, calls: 14 },
  generatedAt: 1_700_000_100_000,
};

/**
 * A second round's preparation checklist: why this company, the salary range and the panel questions
 * shown, each quoted; research, notice period and start date not shown.
 */
export const SAMPLE_PREPARATION: PreparationReport = {
  checks: [
    {
      item: "why-this-company",
      shown: true,
      quote: "Unlike Globex, you publish your pricing data, which is what I want to analyse.",
      questionId: "q-1",
    },
    { item: "company-research", shown: false, quote: null, questionId: null },
    { item: "salary-range", shown: true, quote: "I'm looking for £45-50k.", questionId: "q-2" },
    { item: "notice-period", shown: false, quote: null, questionId: null },
    { item: "start-date", shown: false, quote: null, questionId: null },
    {
      item: "panel-questions",
      shown: true,
      quote: "What does success look like in the first 90 days?",
      questionId: "closing",
      questionsQuality: "strategic",
    },
  ],
};

/** A realistic four-question report: scored, fallback not scorable, skipped, not reached. */
export function sampleReport(): Report {
  return ReportSchema.parse({
    ...BASE,
    preparation: SAMPLE_PREPARATION,
    questions: [
      reportQuestion(0),
      reportQuestion(1, {
        evaluation: evaluation({
          coach: "offline",
          fallbackReason: "The AI coach did not answer in time.",
          scorable: false,
          notScorableReason: "coach-unavailable",
          score: null,
          evidence: [],
          strengths: [],
        }),
      }),
      reportQuestion(2, { status: "skipped", timing: null, evaluation: null }),
      reportQuestion(3, { status: "not-reached", timing: null, evaluation: null, hintUsed: false }),
    ],
  });
}

/** Nothing scorable: the score and band are null and must stay unwritten. */
export function nullScoreReport(): Report {
  const notScorable = evaluation({
    scorable: false,
    notScorableReason: "too-short",
    score: null,
    evidence: [],
  });
  return ReportSchema.parse({
    ...BASE,
    overallScore: null,
    band: null,
    scorableAnswers: 0,
    endedEarly: true,
    tokenUsage: null,
    candidateQuestions: null,
    strengths: [],
    improvements: [],
    competencyCoverage: CORE_COMPETENCIES.map((competency) => ({ competency, covered: false, score: null })),
    questions: [
      reportQuestion(0, { evaluation: notScorable }),
      reportQuestion(1, { evaluation: notScorable }),
    ],
  });
}

/** Twelve questions at every schema maximum (8 quotes of 600 characters, 6 strengths and improvements of 400). */
export function maximalReport(quoteLength = 600): Report {
  const questions = Array.from({ length: 12 }, (_, index) =>
    reportQuestion(index, {
      questionText: wordyText(`Q${index}TEXT`, 700),
      evaluation: evaluation({
        fallbackReason: wordyText(`Q${index}FALLBACK`, 300),
        star: {
          situation: { present: true, evidence: wordyText(`Q${index}STARS`, quoteLength) },
          task: { present: true, evidence: wordyText(`Q${index}START`, quoteLength) },
          action: { present: true, evidence: wordyText(`Q${index}STARA`, quoteLength) },
          result: { present: false, evidence: null },
        },
        evidence: Array.from({ length: 8 }, (_, quote) => ({
          quote: wordyText(`Q${index}E${quote}QUOTE`, quoteLength),
          shows: wordyText(`Q${index}E${quote}SHOWS`, 200),
        })),
        strengths: Array.from({ length: 6 }, (_, item) => wordyText(`Q${index}S${item}`, 400)),
        improvements: Array.from({ length: 6 }, (_, item) => wordyText(`Q${index}I${item}`, 400)),
      }),
    }),
  );
  return {
    ...BASE,
    scorableAnswers: 12,
    strengths: Array.from({ length: 6 }, (_, item) => wordyText(`OVERALLS${item}`, 400)),
    improvements: Array.from({ length: 6 }, (_, item) => wordyText(`OVERALLI${item}`, 400)),
    candidateQuestions: {
      quality: "basic",
      questions: Array.from({ length: 5 }, (_, item) => wordyText(`CANDQ${item}`, 300)),
      feedback: wordyText("CANDFEEDBACK", 1500),
    },
    // Every checklist item shown, each with a quote at the schema's 300-character maximum.
    preparation: {
      checks: PREPARATION_ITEMS.map((item, index) => ({
        item,
        shown: true,
        quote: wordyText(`PREP${index}QUOTE`, 300),
        questionId: `q-${index + 1}`,
      })),
    },
    questions,
  };
}

/**
 * Every evidence quote, the STAR sentences of scorable answers (an answer that could not be scored has
 * no STAR breakdown to show) and the preparation checklist's quotes: what must survive rendering, word for word.
 */
export function allQuotes(report: Report): string[] {
  return report.questions
    .flatMap((question) => {
      const evaluation = question.evaluation;
      if (!evaluation) return [];
      const star = evaluation.scorable
        ? Object.values(evaluation.star).flatMap((part) =>
            part.present && part.evidence ? [part.evidence] : [],
          )
        : [];
      return [...evaluation.evidence.map((evidence) => evidence.quote), ...star];
    })
    .concat((report.preparation?.checks ?? []).flatMap((check) => (check.quote ? [check.quote] : [])));
}

/** One spoken story's delivery: a good pace, a few fillers, one long pause, more on the situation than the action. */
export function sampleDelivery(overrides: Partial<DeliveryMeasures> = {}): DeliveryMeasures {
  return {
    speakingSeconds: 95.4,
    words: 230,
    wordsPerMinute: 145,
    pace: "good",
    fillers: 5,
    fillersPer100Words: 2.2,
    topFillers: [
      ["um", 3],
      ["like", 2],
    ],
    longPauses: 1,
    longestPauseSeconds: 2.6,
    hedges: 1,
    starShare: { situation: 0.45, task: 0.1, action: 0.3, result: 0.1 },
    length: "ideal",
    tip: "Your story spent 45% of its time on the situation and 30% on what you did. Set the scene in a sentence or two, then spend most of the time on your actions.",
    ...overrides,
  };
}

export const SAMPLE_DELIVERY_SUMMARY: DeliverySummary = {
  spokenAnswers: 1,
  speakingSeconds: 95.4,
  wordsPerMinute: 145,
  pace: "good",
  fillersPer100Words: 2.2,
  longPauses: 1,
  tip: "Across your spoken answer: 145 words a minute, 2.2 fillers per 100 words and 1 long pause. A steady delivery; each answer's note has one thing to try.",
};

/** The sample report with its first answer spoken. */
export function spokenSampleReport(): Report {
  const report = sampleReport();
  return ReportSchema.parse({
    ...report,
    delivery: SAMPLE_DELIVERY_SUMMARY,
    questions: report.questions.map((question, index) =>
      index === 0 ? { ...question, delivery: sampleDelivery() } : question,
    ),
  });
}

/**
 * Twenty spoken answers at every delivery maximum (five 20-character fillers, a 400-character tip)
 * on top of schema-maximal answers: the longest report voice answers can make.
 */
export function manySpokenReport(count = 20): Report {
  const maximal = maximalReport();
  const questions = Array.from({ length: count }, (_, index) => ({
    ...(maximal.questions[index % maximal.questions.length] as ReportQuestion),
    questionId: `q-${index + 1}`,
    delivery: sampleDelivery({
      topFillers: Array.from({ length: 5 }, (_, filler): [string, number] => [
        wordyText(`F${index}x${filler}`, 20),
        5 - filler,
      ]),
      longPauses: 100,
      tip: wordyText(`Q${index}TIP`, 400),
    }),
  }));
  return ReportSchema.parse({
    ...maximal,
    questions,
    delivery: { ...SAMPLE_DELIVERY_SUMMARY, spokenAnswers: count, tip: wordyText("SUMMARYTIP", 400) },
  });
}

export const TURN_ACTIONS: ReplyAction[] = [
  { id: "submit", label: "Submit answer", turnId: "conflict-1" },
  { id: "skip", label: "Skip", turnId: "conflict-1" },
  { id: "repeat", label: "Repeat", turnId: "conflict-1" },
  { id: "hint", label: "Hint", turnId: "conflict-1" },
  { id: "end", label: "End", turnId: "conflict-1" },
];

export function outbound(replies: Reply[], actions: ReplyAction[] = []): OutboundMessage {
  return {
    idempotencyKey: "session-1:7",
    conversation: "discord:guild:thread",
    visibility: { kind: "conversation" },
    replies,
    actions,
  };
}

/** Fragments a hostile candidate or model might produce. */
export const HOSTILE_FRAGMENTS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "@everyone",
  "@here",
  "<@U123>",
  "<#C123|general>",
  "<!subteam^S123>",
  "&lt;",
  "&gt;&amp;",
  "<http://evil.example|click>",
  "<https://evil.example>",
  "```\nconst a = b < c && d > e;\n```",
  "`x<y>`",
  "> not a quote",
  "*bold* _it_ ~s~",
  "😀",
  "👩🏽‍💻",
  "&",
  "<",
  ">",
  "word",
  " ",
  "\n",
  "\n\n",
];

export function hostileText(random: () => number, length: number): string {
  let text = "";
  while (text.length < length) {
    text += HOSTILE_FRAGMENTS[Math.floor(random() * HOSTILE_FRAGMENTS.length)] ?? "";
  }
  return text;
}

export { seededRandom } from "../support/seeded-random.ts";
