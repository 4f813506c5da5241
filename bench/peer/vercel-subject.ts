import { createIoRedisState } from "@chat-adapter/state-ioredis";
import { Chat, type Logger } from "chat";
import { RoundTripCounter } from "../redis-round-trips.ts";
import { InMemoryAdapter } from "./in-memory-adapter.ts";
import { nextAnswer, type Subject } from "./workload.ts";

/** What the bot keeps per thread: the answers so far, read and written whole on every message. */
interface InterviewState {
  answers: string[];
}

const silent: Logger = {
  child: () => silent,
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/**
 * vercel/chat 4.41 with its ioredis state adapter, used the way its README shows: a mention opens
 * the thread (subscribe + initial state), and every later message in the subscribed thread reads
 * `thread.state`, appends the answer and writes it back with `thread.setState` (the default merge
 * mode, which reads the key again before writing), then posts a reply. Default concurrency
 * strategy ("drop": take the thread lock or drop the message), default dedupe.
 */
export async function createVercelSubject(redisUrl: string): Promise<Subject> {
  const roundTrips = new RoundTripCounter();
  // The adapter's own client (its bundled ioredis 5), instrumented in place: the same client and
  // options it would use in production when given a URL.
  const state = createIoRedisState({ url: redisUrl, logger: silent });
  roundTrips.instrument(state.getClient());

  const adapter = new InMemoryAdapter();
  const chat = new Chat<{ memory: InMemoryAdapter }, InterviewState>({
    userName: adapter.userName,
    adapters: { memory: adapter },
    state,
    logger: silent,
  });
  chat.onNewMention(async (thread) => {
    await thread.subscribe();
    await thread.setState({ answers: [] });
    await thread.post("Tell me about a time you made a process more reliable.");
  });
  chat.onSubscribedMessage(async (thread, message) => {
    const current = await thread.state;
    await thread.setState({ answers: [...(current?.answers ?? []), message.text] });
    await thread.post("Thanks. Next question: tell me about a time you disagreed with a manager.");
  });
  await chat.initialize();

  const threadId = (thread: string) => `memory:bench:${thread}`;
  return {
    name: "vercel",
    roundTrips,
    start: (thread) => adapter.receive(threadId(thread), "@coach let's practise", true),
    accepts: async () => true,
    answer: (thread) => adapter.receive(threadId(thread), nextAnswer()),
    takeCoachMs: () => 0,
    close: () => chat.shutdown(),
  };
}
