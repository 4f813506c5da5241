// POST /v1/chat/completions: turns a scripted reply into the exact Chat Completions wire shape, either one JSON
// object or an SSE stream of chunks, so the real `openai` client's parsers and stream accumulators run unchanged.
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendError } from "./errors.ts";
import { resolveSlow, sendFault } from "./faults.ts";
import { sendEventStream, sendJson } from "./responses.ts";
import type { ScriptQueue } from "./script-queue.ts";
import { type Usage, usageFor } from "./tokens.ts";
import type { ChatReply, ChatRequestBody } from "./types.ts";

type Answer = Exclude<
  ChatReply,
  { kind: "slow" | "held" | "rate-limit" | "server-error" | "connection-reset" }
>;
type Outcome = { content: string | null; refusal: string | null; finishReason: "stop" | "length" };

/** What each scripted answer means as assistant output. */
function outcomeOf(answer: Answer): Outcome {
  switch (answer.kind) {
    case "json":
    case "schema-violation": {
      const content = typeof answer.content === "string" ? answer.content : JSON.stringify(answer.content);
      return { content, refusal: null, finishReason: "stop" };
    }
    case "text":
      return { content: answer.content, refusal: null, finishReason: "stop" };
    case "malformed-json":
      // Looks like the start of structured output but is cut short, as a misbehaving model might produce.
      return { content: '{"score": 4, "feedback": "Clear answer', refusal: null, finishReason: "stop" };
    case "refusal":
      return { content: null, refusal: answer.refusal, finishReason: "stop" };
    case "length":
      return {
        content: answer.content ?? '{"feedback": "The candidate',
        refusal: null,
        finishReason: "length",
      };
  }
}

function envelope(body: ChatRequestBody) {
  return {
    id: `chatcmpl-${randomUUID().replaceAll("-", "").slice(0, 24)}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? "gpt-4o-mini",
    system_fingerprint: "fp_emulator",
  };
}

function completion(body: ChatRequestBody, outcome: Outcome, usage: Usage) {
  return {
    ...envelope(body),
    object: "chat.completion",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: outcome.content, refusal: outcome.refusal },
        logprobs: null,
        finish_reason: outcome.finishReason,
      },
    ],
    usage,
  };
}

/** Word-sized pieces, so a stream has several deltas whose concatenation is exactly the original text. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function chunks(body: ChatRequestBody, outcome: Outcome, usage: Usage): unknown[] {
  const base = { ...envelope(body), object: "chat.completion.chunk" };
  // With include_usage the real API adds `usage: null` to every chunk and a final chunk with empty choices.
  const withUsage = body.stream_options?.include_usage === true;
  const chunk = (delta: object, finishReason: string | null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(withUsage ? { usage: null } : {}),
  });
  const field = outcome.refusal === null ? "content" : "refusal";
  const text = outcome.refusal ?? outcome.content ?? "";
  const result: unknown[] = [
    chunk(
      {
        role: "assistant",
        content: field === "content" ? "" : null,
        refusal: field === "refusal" ? "" : null,
      },
      null,
    ),
    ...pieces(text).map((piece) => chunk({ [field]: piece }, null)),
    chunk({}, outcome.finishReason),
  ];
  if (withUsage) result.push({ ...base, choices: [], usage });
  return result;
}

export async function handleChatCompletion(
  body: ChatRequestBody | undefined,
  response: ServerResponse,
  queue: ScriptQueue<ChatReply, ChatRequestBody>,
  signal: AbortSignal,
): Promise<void> {
  if (!body || !Array.isArray(body.messages)) {
    sendError(response, 400, {
      message: "Missing required parameter: 'messages'.",
      type: "invalid_request_error",
      code: "missing_required_parameter",
      param: "messages",
    });
    return;
  }
  const reply = await resolveSlow(queue.next(body), signal);
  if (reply === undefined || sendFault(reply, response)) return;
  const outcome = outcomeOf(reply);
  const usage = usageFor(body.messages, outcome.refusal ?? outcome.content ?? "");
  if (body.stream === true) sendEventStream(response, chunks(body, outcome, usage));
  else sendJson(response, 200, completion(body, outcome, usage));
}
