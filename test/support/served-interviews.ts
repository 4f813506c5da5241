// `secondround serve` on Discord and Slack at once, as child processes against the emulators, and interviews
// driven on both platforms through whichever process is serving now. Every bot post in a thread can be listed with
// a fingerprint, so a test can count duplicates and missing prompts after crashes.
import getPort from "get-port";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { Session } from "../../src/core/model/session.ts";
import type { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  type AppResponse,
  type InboundRequest,
  type SlackWebApiEmulator,
  sendToApp,
  signSlackRequest,
  slackDefaults,
} from "../emulators/slack/index.ts";
import { CHILD_PROCESS_MS, CliProcess } from "./cli-process.ts";
import { latestPrompt, pressButton, startByCommand } from "./discord-stack.ts";
import {
  buttonPress,
  latestTurnId,
  type SlackPerson,
  slackPerson,
  startInterview,
  threadReply,
} from "./slack-candidate.ts";

export const SERVE_SIGNING_SECRET = "served-interviews-signing-secret";
/** A serve process on a busy machine: node start-up, both platforms, resuming what is open. */
const READY_MS = CHILD_PROCESS_MS;

export interface ServeBothOptions {
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly discord: DiscordEmulator;
  readonly slack: SlackWebApiEmulator;
  /** SECONDROUND_DELIVERY_GRACE_MS. */
  readonly deliveryGraceMs?: number;
  /** Another spelling of the Discord API's address, so the emulator can tell this process's requests apart. */
  readonly discordApiUrl?: string;
  /** More settings for the process (its role, the AI coach). */
  readonly env?: Record<string, string>;
}

/** One `secondround serve` process with Discord and Slack (HTTP on a port of its own). */
export class ServedBots {
  readonly cli: CliProcess;
  readonly port: number;

  private constructor(cli: CliProcess, port: number) {
    this.cli = cli;
    this.port = port;
  }

  /** Starts the process and waits until it has resumed the open interviews. */
  static async start(options: ServeBothOptions): Promise<ServedBots> {
    const port = await getPort();
    const cli = new CliProcess(["serve"], {
      REDIS_URL: options.redisUrl,
      SECONDROUND_KEY_PREFIX: options.keyPrefix,
      DISCORD_BOT_TOKEN: options.discord.botToken,
      DISCORD_API_URL: options.discordApiUrl ?? options.discord.apiUrl,
      SLACK_BOT_TOKEN: slackDefaults.botToken,
      SLACK_SIGNING_SECRET: SERVE_SIGNING_SECRET,
      SLACK_API_URL: options.slack.apiUrl,
      PORT: String(port),
      ...(options.deliveryGraceMs ? { SECONDROUND_DELIVERY_GRACE_MS: String(options.deliveryGraceMs) } : {}),
      ...options.env,
    });
    const served = new ServedBots(cli, port);
    try {
      await cli.waitFor(/SecondRound is running on discord and slack/, 0, READY_MS);
      await served.waitForLog(/open interviews resumed/, READY_MS);
    } catch (error) {
      cli.child.kill("SIGKILL");
      throw error;
    }
    return served;
  }

  /** Signs and POSTs to this process's /slack/events, as Slack does. */
  send(request: InboundRequest): Promise<AppResponse> {
    return sendToApp(
      `http://127.0.0.1:${this.port}/slack/events`,
      signSlackRequest(request, { signingSecret: SERVE_SIGNING_SECRET }),
      CHILD_PROCESS_MS,
    );
  }

  async stop(signal: "SIGTERM" | "SIGKILL"): Promise<number | null> {
    this.cli.child.kill(signal);
    return this.cli.exited;
  }

  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.cli.logs.some((line) => pattern.test(line))) {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${pattern} in the log.\nlog:\n${this.cli.logs.join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** One post of the bot in an interview thread, reduced to what identifies it. */
export interface BotPost {
  /** Text, embeds or blocks, and buttons: two posts with one fingerprint are one message posted twice. */
  readonly fingerprint: string;
  /** The turn a prompt's Submit button acts on; null for anything else. */
  readonly turnId: string | null;
  /** "Answer recorded: …", posted once per submitted answer. */
  readonly isAck: boolean;
}

/** An interview on either platform, driven through the process serving now. */
export interface ServedInterview {
  readonly label: string;
  readonly conversation: ConversationKey;
  /** Every post of the bot in the thread, oldest first. */
  posts(): BotPost[];
  /** Sends a message in the thread as the candidate. */
  say(text: string): Promise<void>;
  /** Presses Submit on the newest prompt: one acknowledgement and one new prompt are owed for it. */
  submit(): Promise<void>;
  /** How many answers were submitted. */
  readonly submitted: number;
}

type Current = () => ServedBots;

/** `/interview start` on Discord through whichever process takes it; resolves with the first question shown. */
export async function discordInterview(
  discord: DiscordEmulator,
  username: string,
  questions: number,
): Promise<ServedInterview> {
  const user = discord.addUser({ username });
  const { thread, conversation } = await startByCommand(
    discord,
    user.id,
    { role: "Data Analyst", company: "Acme", questions },
    {},
    CHILD_PROCESS_MS,
  );
  let submitted = 0;
  return {
    label: `discord:${username}`,
    conversation,
    get submitted() {
      return submitted;
    },
    posts: () =>
      discord
        .messagesIn(thread.id)
        .filter((message) => message.author.bot)
        .map((message) => {
          const ids = (message.components as { components?: { custom_id?: string }[] }[]).flatMap((row) =>
            (row.components ?? []).map((button) => button.custom_id ?? ""),
          );
          const submit = ids.find((id) => id.startsWith("sr:submit:"));
          return {
            fingerprint: JSON.stringify([message.content, message.embeds, ids]),
            turnId: submit ? submit.slice("sr:submit:".length) : null,
            isAck: message.content.includes("Answer recorded:"),
          };
        }),
    async say(text) {
      await discord.sendMessage({ userId: user.id, channelId: thread.id, content: text });
    },
    async submit() {
      if (!latestPrompt(discord, thread.id)) throw new Error(`${username}: no prompt to submit`);
      await pressButton(discord, user.id, thread.id, "Submit answer");
      submitted += 1;
    },
  };
}

type Block = { type?: string; elements?: { action_id?: string; value?: string }[] };

/** `/interview start` and the form on Slack, sent to the process serving now; resolves with the first question shown. */
export async function slackInterview(
  slack: SlackWebApiEmulator,
  current: Current,
  userId: string,
  userName: string,
  questions: number,
): Promise<ServedInterview> {
  const person: SlackPerson = slackPerson(slack, userId, userName);
  const { threadTs, conversation } = await startInterview(current(), slack, person, {
    questions: String(questions),
  });
  let submitted = 0;
  const deliver = async (request: InboundRequest) => {
    const response = await current().send(request);
    if (response.status !== 200) throw new Error(`${userName}: Slack request answered ${response.status}`);
  };
  return {
    label: `slack:${userName}`,
    conversation,
    get submitted() {
      return submitted;
    },
    posts: () =>
      slack.messagesIn(person.channelId, threadTs).map((message) => {
        const submit = ((message.blocks ?? []) as Block[])
          .flatMap((block) => block.elements ?? [])
          .find((element) => element.action_id === "sr_submit");
        return {
          fingerprint: JSON.stringify([message.text, message.blocks]),
          turnId: submit?.value ?? null,
          isAck: message.text.includes("Answer recorded:"),
        };
      }),
    say: (text) => deliver(threadReply(person, threadTs, text)),
    async submit() {
      const turnId = latestTurnId(slack, person.channelId, threadTs);
      if (!turnId) throw new Error(`${userName}: no prompt to submit`);
      await deliver(buttonPress(person, threadTs, "submit", turnId));
      submitted += 1;
    },
  };
}

/** The turn id the bot's newest prompt should carry for this state of the interview. */
export function expectedTurnId(session: Session | null | undefined): string | null {
  const turn = session?.turn;
  if (!turn) return null;
  return turn.prompt === "probe" ? `${turn.questionId}:probe` : turn.questionId;
}

export interface DeliveryCount {
  /** Posts beyond the first of each fingerprint. */
  readonly duplicates: number;
  /** Acknowledgements and prompts owed for the answers submitted, but not in the thread. */
  readonly lost: number;
}

/**
 * What an interview's thread shows against what it owes: the first question, then for each submitted answer one
 * acknowledgement and one new prompt (a follow-up or the next question).
 */
export function countDelivery(interview: ServedInterview): DeliveryCount {
  const posts = interview.posts();
  const fingerprints = new Set(posts.map((post) => post.fingerprint));
  const acks = new Set(posts.filter((post) => post.isAck).map((post) => post.fingerprint));
  const prompts = new Set(posts.flatMap((post) => (post.turnId ? [post.turnId] : [])));
  return {
    duplicates: posts.length - fingerprints.size,
    lost: Math.max(0, interview.submitted - acks.size) + Math.max(0, interview.submitted + 1 - prompts.size),
  };
}

/** A hold predicate that takes the first matching request only. */
export function firstOnly<T>(matches: (request: T) => boolean): (request: T) => boolean {
  let taken = false;
  return (request) => {
    if (taken || !matches(request)) return false;
    taken = true;
    return true;
  };
}
