// The emulator itself: a node:http server on 127.0.0.1 and a free port, routing the two endpoints SecondRound
// uses and recording every request so tests can assert on what the real `openai` client actually sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { keepIdleConnectionsOpen } from "../shared/keep-alive.ts";
import { handleChatCompletion } from "./chat-completions.ts";
import { sendNotFound, sendServerError } from "./errors.ts";
import { parseJson, parseMultipart, readRawBody } from "./request-body.ts";
import { ScriptQueue } from "./script-queue.ts";
import { handleTranscription } from "./transcriptions.ts";
import type {
  ChatReply,
  ChatRequestBody,
  RecordedMultipart,
  RecordedRequest,
  Scripted,
  TranscriptionReply,
} from "./types.ts";

export type OpenAIEmulator = {
  /** Base URL without `/v1`, e.g. `http://127.0.0.1:41234`; clients use `${url}/v1`. */
  readonly url: string;
  /** Every request in arrival order, retries included. */
  readonly requests: RecordedRequest[];
  /** Queues Chat Completions replies; unscripted calls get `{ kind: "json", content: "{}" }`. */
  script(...replies: Scripted<ChatReply, ChatRequestBody>[]): void;
  /**
   * Queues transcription replies; unscripted calls get the text "transcribed audio", spread over the
   * upload's real duration. Uploads that are not audio, or damaged, get the real API's 400 instead.
   */
  scriptTranscription(...replies: Scripted<TranscriptionReply, RecordedMultipart>[]): void;
  /**
   * Resolves once every request that has reached this machine is answered or abandoned, including one a client
   * sent and then gave up on before the emulator read it (a request timeout on a busy machine). Call it before
   * reset(): such a late request would otherwise take the next test's first scripted reply.
   */
  settle(): Promise<void>;
  /** Forgets recorded requests and queued replies, for reuse across tests in one file. */
  reset(): void;
  close(): Promise<void>;
};

export const defaultTranscript = "transcribed audio";

export async function startOpenAIEmulator(): Promise<OpenAIEmulator> {
  const requests: RecordedRequest[] = [];
  const chat = new ScriptQueue<ChatReply, ChatRequestBody>(() => ({ kind: "json", content: "{}" }));
  const transcription = new ScriptQueue<TranscriptionReply, RecordedMultipart>(() => ({
    kind: "text",
    content: defaultTranscript,
  }));
  // Aborted on close() so pending `slow` replies stop waiting instead of holding the process open.
  const shutdown = new AbortController();

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://emulator.invalid").pathname;
    const contentType = request.headers["content-type"];
    const raw = await readRawBody(request);
    const recorded: RecordedRequest = {
      method,
      path,
      headers: { ...request.headers },
      body: parseJson(raw, contentType),
    };
    if (contentType?.startsWith("multipart/form-data"))
      recorded.multipart = await parseMultipart(raw, contentType);
    requests.push(recorded);

    // The client hanging up (its timeout) ends this request's wait as well as the emulator closing.
    const hungUp = new AbortController();
    response.on("close", () => hungUp.abort());
    const signal = AbortSignal.any([shutdown.signal, hungUp.signal]);

    if (method === "POST" && path === "/v1/chat/completions") {
      await handleChatCompletion(recorded.body as ChatRequestBody | undefined, response, chat, signal);
    } else if (method === "POST" && path === "/v1/audio/transcriptions") {
      await handleTranscription(recorded.multipart, response, transcription, signal);
    } else {
      sendNotFound(response, method, path);
    }
  }

  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const handled = route(request, response)
      .catch((error: unknown) => {
        // A bug in the emulator should fail the test loudly as a 500, not hang the client.
        if (!response.headersSent) sendServerError(response, `Emulator failure: ${String(error)}`);
        else response.destroy();
      })
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
  keepIdleConnectionsOpen(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => chat.push(...replies),
    scriptTranscription: (...replies) => transcription.push(...replies),
    async settle() {
      // A request sent on loopback is already in this socket's buffer: one turn of the event loop reads it.
      await new Promise((resolve) => setImmediate(resolve));
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
    reset() {
      requests.length = 0;
      chat.clear();
      transcription.clear();
    },
    async close() {
      shutdown.abort();
      // Keep-alive sockets from the client would otherwise keep close() waiting.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
