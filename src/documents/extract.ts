import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DocumentError, isDocumentErrorReason } from "./document-error.ts";
import { DOCUMENT_LIMITS, type DocumentLimits } from "./limits.ts";
import { normaliseAndCap } from "./normalise.ts";
import type { ParseGo, ParseRequest, ParseResponse, WorkerMessage } from "./parse-worker.ts";
import { type DocumentType, sniffDocumentType } from "./sniff.ts";
import { assertNotZipBomb } from "./zip.ts";

export type ExtractedDocument = {
  type: DocumentType;
  text: string;
  /** PDF page count; null for DOCX and text. */
  pages: number | null;
  /** True when the text was cut at `maxChars`. */
  truncated: boolean;
};

/** Overrides for the caps in DOCUMENT_LIMITS (tests use tiny ones). */
export type ExtractOptions = Partial<DocumentLimits>;

const WORKER_PATH = fileURLToPath(new URL("./parse-worker.ts", import.meta.url));
const OOM_PATTERN =
  /heap out of memory|Allocation failed|invalid array length|Array buffer allocation failed/i;
const MAX_STDERR = 8_192;
const RSS_POLL_MS = 20;
const CAN_READ_RSS = process.platform === "linux";

/** A process's resident set in bytes, from /proc; null once it has gone. */
function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Turns an uploaded CV or job description into normalised text. Size and type are checked here;
 * PDF and DOCX parsing runs in a forked child with a heap cap, a resident-set watchdog (Linux) and
 * a wall-clock SIGKILL, so the calling process survives bombs, hangs and parser crashes. Plain text
 * is decoded in-process.
 * @throws DocumentError with a `reason` for every refusal or failure.
 * @example const { text, truncated } = await extractDocument(bytes)
 */
export async function extractDocument(
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const limits: DocumentLimits = { ...DOCUMENT_LIMITS, ...options };
  if (bytes.byteLength > limits.maxBytes) {
    throw new DocumentError("too-large", `The file is ${bytes.byteLength} bytes (limit ${limits.maxBytes})`);
  }
  const type = sniffDocumentType(bytes);
  if (type === null)
    throw new DocumentError("unsupported-type", "Only PDF, DOCX and plain-text files are accepted");
  if (type === "markup")
    throw new DocumentError("markup", "The file is HTML, XML or RTF markup, not a document's text");
  let result: Omit<ExtractedDocument, "type">;
  if (type === "text") {
    const decoded = new TextDecoder("utf-8").decode(bytes);
    result = { ...normaliseAndCap(decoded, limits.maxChars), pages: null };
  } else {
    if (type === "docx") assertNotZipBomb(bytes, limits);
    result = await parseInChild(
      { type, bytes, maxPages: limits.maxPages, maxChars: limits.maxChars },
      limits,
    );
  }
  if (result.text.length === 0) throw new DocumentError("empty", "No text could be found in the document");
  return { type, ...result };
}

/**
 * Runs one parse in a forked child. Two clocks: `timeoutMs` for the document, started when the
 * child says it is ready (running, parser library loaded; it then parses on our go), so start-up
 * on a busy machine is never blamed on the file; and `hardTimeoutMs` from fork, start-up included, for a child that never
 * gets there ("unavailable" before ready, "timeout" after).
 */
function parseInChild(
  request: ParseRequest,
  limits: DocumentLimits,
): Promise<Omit<ExtractedDocument, "type">> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER_PATH, [], {
      execArgv: [`--max-old-space-size=${limits.memoryMb}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: { NODE_OPTIONS: "" },
    });
    let settled = false;
    let ready = false;
    let stderr = "";
    let documentTimer: NodeJS.Timeout | undefined;
    const finish = (outcome: ParseResponse | DocumentError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardTimer);
      clearTimeout(documentTimer);
      clearInterval(watchdog);
      child.kill("SIGKILL");
      if (outcome instanceof DocumentError) return reject(outcome);
      if (outcome.ok)
        return resolve({ text: outcome.text, pages: outcome.pages, truncated: outcome.truncated });
      const reason = isDocumentErrorReason(outcome.reason) ? outcome.reason : "corrupt";
      reject(new DocumentError(reason, outcome.message));
    };
    const hardTimer = setTimeout(() => {
      finish(
        ready
          ? new DocumentError("timeout", `Parsing took longer than ${limits.hardTimeoutMs} ms in all`)
          : new DocumentError("unavailable", `The parser was not ready within ${limits.hardTimeoutMs} ms`),
      );
    }, limits.hardTimeoutMs);
    // --max-old-space-size does not cover ArrayBuffers (decoded PDF streams), so watch the RSS too.
    const watchdog = CAN_READ_RSS
      ? setInterval(() => {
          const rss = child.pid === undefined ? null : residentBytes(child.pid);
          if (rss !== null && rss > limits.maxRssMb * 1024 * 1024) {
            finish(new DocumentError("out-of-memory", `The parser used more than ${limits.maxRssMb} MB`));
          }
        }, RSS_POLL_MS)
      : undefined;
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString("utf8");
    });
    child.on("message", (message: WorkerMessage) => {
      if (!("ready" in message)) return finish(message);
      if (ready || settled) return;
      ready = true;
      documentTimer = setTimeout(() => {
        finish(new DocumentError("timeout", `Parsing took longer than ${limits.timeoutMs} ms`));
      }, limits.timeoutMs);
      // The child parses only on this go, so the document's clock is running before parsing starts.
      child.send({ go: true } satisfies ParseGo, (error) => {
        if (error)
          finish(new DocumentError("unavailable", "The parser could not be reached", { cause: error }));
      });
    });
    child.on("error", (error) =>
      finish(new DocumentError("unavailable", "The parser could not run", { cause: error })),
    );
    child.on("exit", (code, signal) => {
      // Let stderr drain so an OOM banner is seen before classifying the exit.
      setImmediate(() => finish(classifyExit(code, signal, stderr, ready)));
    });
    child.send(request, (error) => {
      if (error)
        finish(new DocumentError("unavailable", "The parser could not be reached", { cause: error }));
    });
  });
}

function classifyExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  ready: boolean,
): DocumentError {
  if (OOM_PATTERN.test(stderr) || signal === "SIGABRT" || signal === "SIGTRAP" || code === 134) {
    return new DocumentError("out-of-memory", "The document needed more memory than allowed");
  }
  const how = signal ?? `exit ${code}`;
  // Before "ready" the child has not looked at the document, so the file is not to blame.
  return ready
    ? new DocumentError("corrupt", `The parser stopped unexpectedly (${how})`)
    : new DocumentError("unavailable", `The parser stopped before it was ready (${how})`);
}
