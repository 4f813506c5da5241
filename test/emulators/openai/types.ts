// The vocabulary shared by the emulator's files: what a test can script and what the emulator records.

/** A chat message as the client sends it; content may be a string or an array of typed parts. */
export type ChatMessage = {
  role: string;
  content?: string | ReadonlyArray<{ type: string; text?: string }> | null;
};

/** The subset of a Chat Completions request body the emulator reads; the rest is recorded untouched. */
export type ChatRequestBody = {
  model?: string;
  messages?: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  response_format?: { type: string; json_schema?: { name?: string } };
  [key: string]: unknown;
};

/** Faults any endpoint can produce, so retry and timeout paths are testable without a real outage. */
export type FaultReply =
  | { kind: "rate-limit"; retryAfterSeconds: number }
  | { kind: "server-error"; message?: string }
  /** The TCP connection is dropped without a response (ECONNRESET at the client). */
  | { kind: "connection-reset" };

/**
 * A scripted Chat Completions outcome. `slow` wraps another reply so the client's timeout can fire first;
 * `held` wraps one that is sent only once `released` settles, so a test decides when a model call ends
 * (and can count the calls in flight meanwhile) without timing anything.
 */
export type ChatReply =
  | FaultReply
  | { kind: "json"; content: unknown }
  | { kind: "text"; content: string }
  | { kind: "malformed-json" }
  | { kind: "schema-violation"; content: unknown }
  | { kind: "refusal"; refusal: string }
  | { kind: "length"; content?: string }
  | { kind: "slow"; delayMs: number; reply: ChatReply }
  | { kind: "held"; released: Promise<unknown>; reply: ChatReply };

/** A word as `verbose_json` times it, in seconds from the clip's start. */
export type TimedWord = { word: string; start: number; end: number };

/** A silence inserted after the word at `afterWord` (0-based), in seconds. */
export type ScriptedPause = { afterWord: number; seconds: number };

/**
 * Replies a misbehaving provider (or a proxy in front of it) sends, built from the upload's real
 * duration: timestamps going backwards, past the end or negative, a 10 MB text, an HTML page with
 * status 200, no text at all, an empty text, JSON cut short, and Whisper's answer to silence (a
 * stock phrase whose segments say there was no speech).
 */
export type HostileTranscription =
  | "out-of-order"
  | "beyond-duration"
  | "negative-time"
  | "huge-text"
  | "html-page"
  | "missing-text"
  | "empty-text"
  | "malformed-json"
  | "no-speech";

/**
 * A scripted transcription outcome. `text` is spread evenly over the upload's real duration (with
 * optional pauses); `timed` gives the words' times itself; `raw` is sent byte for byte.
 */
export type TranscriptionReply =
  | FaultReply
  | { kind: "text"; content: string; pauses?: readonly ScriptedPause[]; language?: string }
  | { kind: "timed"; words: readonly TimedWord[]; language?: string }
  | { kind: "hostile"; variant: HostileTranscription }
  | { kind: "raw"; status: number; contentType: string; body: string }
  | { kind: "slow"; delayMs: number; reply: TranscriptionReply }
  | { kind: "held"; released: Promise<unknown>; reply: TranscriptionReply };

/** A reply may be computed from the request, e.g. to echo the prompt back. */
export type Scripted<Reply, Body> = Reply | ((body: Body) => Reply);

/** What the emulator knows about an uploaded multipart file, its bytes included. */
export type RecordedFile = { name: string; size: number; type: string; bytes: Uint8Array };

/**
 * Multipart form data, split into plain fields and files. `fields` keeps a repeated field's last
 * value; `lists` keeps every value of every field, in order (the client sends an array such as
 * `timestamp_granularities` as repeated `timestamp_granularities[]` fields).
 */
export type RecordedMultipart = {
  fields: Record<string, string>;
  lists: Record<string, string[]>;
  files: Record<string, RecordedFile>;
};

/** Every request the emulator sees, in arrival order, including failed and retried ones. */
export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
  /** Present for multipart/form-data requests. */
  multipart?: RecordedMultipart;
};
