import type { ChatReply, ChatRequestBody } from "../../emulators/openai/index.ts";
import { hashString, integerBetween, seededRandom } from "../../support/seeded-random.ts";
import { taskOf, userPrompt, validReply } from "./emulated-model.ts";

/**
 * Requirement 12's fault injection. Each interview runs under one regime: one fault kind injected
 * into 20 % of its requests ("each fault at 20 %"), or "mixed", where 20 % of requests get a fault
 * drawn from all six kinds. The choice per request is seeded by the request body and how often that
 * body was seen before (the retry number), so the mix does not depend on the order requests arrive in.
 */

export const FAULT_KINDS = [
  "timeout",
  "rate-limit",
  "server-error",
  "schema-invalid",
  "refusal",
  "length",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Regime = FaultKind | "mixed";
export type Served = FaultKind | "valid" | "valid-with-unfound-quote";

export const FAULT_RATE = 0.2;

/** The interview a request belongs to, read from the company name every prompt carries. */
export function interviewOf(body: ChatRequestBody): number {
  const match = /Soak Co (\d+)/.exec(userPrompt(body));
  if (!match) throw new Error("request without a soak interview marker");
  return Number(match[1]);
}

export function regimeOf(interview: number, singleKindInterviews: number): Regime {
  return interview < singleKindInterviews
    ? (FAULT_KINDS[interview % FAULT_KINDS.length] ?? "mixed")
    : "mixed";
}

/** The valid reply with one top-level value of the wrong type: every task's schema rejects it. */
function schemaInvalid(body: ChatRequestBody): ChatReply {
  const reply = validReply(body);
  const content = reply.kind === "json" ? (reply.content as Record<string, unknown>) : {};
  const [first] = Object.keys(content);
  return { kind: "schema-violation", content: { ...content, [first ?? "x"]: "not-the-right-type" } };
}

export class FaultPlan {
  readonly #seed: number;
  readonly #singleKindInterviews: number;
  readonly #timesSeen = new Map<number, number>();
  /** What was served, per kind. */
  readonly served = new Map<Served, number>();

  constructor(seed: number, singleKindInterviews: number) {
    this.#seed = seed;
    this.#singleKindInterviews = singleKindInterviews;
  }

  /** The emulator's reply to one request. */
  readonly reply = (body: ChatRequestBody): ChatReply => {
    const bodyHash = hashString(JSON.stringify(body.messages));
    const seen = this.#timesSeen.get(bodyHash) ?? 0;
    this.#timesSeen.set(bodyHash, seen + 1);
    const random = seededRandom(hashString(`${this.#seed}:${bodyHash}:${seen}`));
    const regime = regimeOf(interviewOf(body), this.#singleKindInterviews);
    const draw = random();
    const fault: FaultKind | null =
      draw >= FAULT_RATE
        ? null
        : regime === "mixed"
          ? (FAULT_KINDS[Math.floor((draw / FAULT_RATE) * FAULT_KINDS.length)] ?? "timeout")
          : regime;
    const jitter = integerBetween(random, -8, 8);
    if (fault === null) {
      const reply = validReply(body, jitter);
      // Some valid evaluations quote a paraphrase, which the coach must re-ask about once.
      if (taskOf(body) === "evaluate_answer" && reply.kind === "json" && random() < 0.1) {
        const content = reply.content as { evidence: { quote: string; shows: string }[] };
        this.#count("valid-with-unfound-quote");
        return {
          kind: "json",
          content: {
            ...content,
            evidence: [...content.evidence, { quote: "I single-handedly saved the firm", shows: "result" }],
          },
        };
      }
      this.#count("valid");
      return reply;
    }
    this.#count(fault);
    switch (fault) {
      case "timeout":
        // Never answered in time, however long the client waits: the emulator gives up when the client hangs up.
        return { kind: "slow", delayMs: 600_000, reply: validReply(body, jitter) };
      case "rate-limit":
        return { kind: "rate-limit", retryAfterSeconds: 0 };
      case "server-error":
        return { kind: "server-error" };
      case "schema-invalid":
        return schemaInvalid(body);
      case "refusal":
        return { kind: "refusal", refusal: "I can't help with that." };
      case "length":
        return { kind: "length" };
    }
  };

  #count(served: Served): void {
    this.served.set(served, (this.served.get(served) ?? 0) + 1);
  }
}
