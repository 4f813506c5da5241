import type { ConversationKey } from "../../src/core/model/conversation.ts";
import {
  type AppResponse,
  blockActions,
  eventCallback,
  fileInputValue,
  fileShareMessageEvent,
  type InboundRequest,
  messageEvent,
  plainTextInputValue,
  type RetryMarker,
  type SlackFile,
  type SlackMessage,
  type SlackWebApiEmulator,
  type StoredView,
  slackDefaults,
  slashCommand,
  viewSubmission,
} from "../emulators/slack/index.ts";
import { CHILD_PROCESS_MS } from "./cli-process.ts";

/** Who is acting, and where: the default candidate in the default workspace and channel. */
export interface SlackPerson {
  readonly userId: string;
  readonly userName: string;
  readonly teamId: string;
  readonly channelId: string;
  /** The bot user of the person's workspace, which authors every interview thread's parent. */
  readonly botUserId?: string;
}

export const CASEY: SlackPerson = {
  userId: slackDefaults.userId,
  userName: slackDefaults.userName,
  teamId: slackDefaults.teamId,
  channelId: slackDefaults.channelId,
};

type Sender = { send(request: InboundRequest): Promise<AppResponse> };

export interface StartFields {
  readonly role?: string;
  readonly company?: string;
  readonly stage?: "first" | "second" | "final";
  readonly questions?: string;
  readonly persona?: "hiring-manager" | "department-head" | "director-hr";
  /** Left out of the form when not given, as a form opened before these fields existed would be. */
  readonly mode?: "realistic" | "practice";
  readonly difficulty?: "supportive" | "standard" | "tough";
  readonly jobDescription?: string;
  readonly cv?: SlackFile | SlackFile[];
}

/** `/interview <text>` with an emulator-issued trigger_id and response_url. */
export function interviewCommand(emulator: SlackWebApiEmulator, who: SlackPerson, text: string) {
  const triggerId = emulator.issueTriggerId();
  const responseUrl = emulator.issueResponseUrl();
  const request = slashCommand({
    text,
    userId: who.userId,
    userName: who.userName,
    teamId: who.teamId,
    channelId: who.channelId,
    triggerId,
    responseUrl,
  });
  return { request, triggerId, responseUrl };
}

/** The ephemeral text posted to a command's response_url. */
export async function commandReply(emulator: SlackWebApiEmulator, responseUrl: string): Promise<string> {
  const post = await emulator.waitFor(() =>
    emulator.responseUrlPosts.find((entry) => entry.url === responseUrl),
  );
  return (post.body as { text?: string }).text ?? "";
}

/** Sends `/interview start` and returns the modal views.open stored. */
export async function openStartForm(
  via: Sender,
  emulator: SlackWebApiEmulator,
  who: SlackPerson,
): Promise<StoredView> {
  const { request, triggerId } = interviewCommand(emulator, who, "start");
  const response = await via.send(request);
  if (response.status !== 200) throw new Error(`/interview start answered ${response.status}`);
  const call = await emulator.waitFor(() =>
    emulator.callsTo("views.open").find((entry) => entry.args.trigger_id === triggerId && entry.response?.ok),
  );
  const viewId = (call.response?.view as { id?: string } | undefined)?.id ?? "";
  const view = emulator.view(viewId);
  if (!view) throw new Error("views.open stored no view");
  return view;
}

/** `view.state.values` for the start form, as Slack's client would send it. */
export function startFormValues(fields: StartFields): Record<string, Record<string, unknown>> {
  const select = (value: string) => ({
    type: "static_select",
    selected_option: { text: { type: "plain_text", text: value }, value },
  });
  const files = fields.cv === undefined ? [] : Array.isArray(fields.cv) ? fields.cv : [fields.cv];
  return {
    role: { value: plainTextInputValue(fields.role ?? "Graduate Data Analyst") },
    company: { value: plainTextInputValue(fields.company ?? "Monzo") },
    stage: { value: select(fields.stage ?? "second") },
    questions: { value: { type: "number_input", value: fields.questions ?? "1" } },
    persona: { value: select(fields.persona ?? "hiring-manager") },
    ...(fields.mode ? { mode: { value: select(fields.mode) } } : {}),
    ...(fields.difficulty ? { difficulty: { value: select(fields.difficulty) } } : {}),
    job_description: { value: plainTextInputValue(fields.jobDescription ?? null) },
    cv: { value: fileInputValue(files) },
  };
}

export function startSubmission(view: StoredView, who: SlackPerson, fields: StartFields): InboundRequest {
  return viewSubmission({
    view,
    userId: who.userId,
    userName: who.userName,
    teamId: who.teamId,
    values: startFormValues(fields),
  });
}

/** The bot's parent message for this person's newest interview in the channel, once posted. */
export function parentMessage(
  emulator: SlackWebApiEmulator,
  who: SlackPerson,
  after = 0,
): SlackMessage | undefined {
  return emulator
    .messagesIn(who.channelId)
    .filter(
      (message) => message.text.startsWith("Mock interview:") && message.text.includes(`<@${who.userId}>`),
    )
    .filter((message) => Number(message.ts) > after)
    .at(-1);
}

export function conversationOf(who: SlackPerson, threadTs: string): ConversationKey {
  return `slack:${who.teamId}:${who.channelId}:${threadTs}`;
}

/**
 * Opens the form, submits it and waits for the thread to exist with its first question.
 * Returns the thread's ts and the conversation key.
 */
export async function startInterview(
  via: Sender,
  emulator: SlackWebApiEmulator,
  who: SlackPerson,
  fields: StartFields = {},
): Promise<{ threadTs: string; conversation: ConversationKey }> {
  const before = Number(parentMessage(emulator, who)?.ts ?? 0);
  const view = await openStartForm(via, emulator, who);
  const response = await via.send(startSubmission(view, who, fields));
  if (response.status !== 200 || response.body !== "")
    throw new Error(`submission answered ${response.body}`);
  // Deadlines for giving up only: `via` may be a `serve` process on a busy machine.
  const parent = await emulator.waitFor(() => parentMessage(emulator, who, before), CHILD_PROCESS_MS);
  await emulator.waitFor(() => latestTurnId(emulator, who.channelId, parent.ts), CHILD_PROCESS_MS);
  return { threadTs: parent.ts, conversation: conversationOf(who, parent.ts) };
}

/** A thread reply as an Events API delivery; pass `eventId` and `retry` to replay one delivery. */
export function threadReply(
  who: SlackPerson,
  threadTs: string,
  text: string,
  options: { ts?: string; eventId?: string; retry?: RetryMarker; files?: SlackFile[] } = {},
): InboundRequest {
  const fields = {
    text,
    user: who.userId,
    channel: who.channelId,
    threadTs,
    team: who.teamId,
    ...(who.botUserId ? { parentUserId: who.botUserId } : {}),
    ...(options.ts ? { ts: options.ts } : {}),
  };
  const event = options.files
    ? fileShareMessageEvent({ ...fields, files: options.files })
    : messageEvent(fields);
  return eventCallback(event, {
    teamId: who.teamId,
    ...(options.eventId ? { eventId: options.eventId } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
}

/** A press of one of the bot's buttons (`sr_<action>`) in the thread. */
export function buttonPress(
  who: SlackPerson,
  threadTs: string,
  action: string,
  turnId: string,
): InboundRequest {
  return blockActions({
    userId: who.userId,
    userName: who.userName,
    teamId: who.teamId,
    channelId: who.channelId,
    threadTs,
    actions: { actionId: `sr_${action}`, value: turnId },
  });
}

type Block = { type?: string; elements?: { action_id?: string; value?: string }[] };

/** The turn id on the newest Submit button the bot posted in the thread: the prompt waiting now. */
export function latestTurnId(
  emulator: SlackWebApiEmulator,
  channelId: string,
  threadTs: string,
): string | undefined {
  for (const message of emulator.messagesIn(channelId, threadTs).toReversed()) {
    for (const block of (message.blocks ?? []) as Block[]) {
      const submit = block.elements?.find((element) => element.action_id === "sr_submit");
      if (submit?.value) return submit.value;
    }
  }
  return undefined;
}

/** How many prompts (messages with a Submit button) the bot has posted in the thread. */
export function promptCount(emulator: SlackWebApiEmulator, channelId: string, threadTs: string): number {
  return emulator
    .messagesIn(channelId, threadTs)
    .filter((message) =>
      ((message.blocks ?? []) as Block[]).some((block) =>
        block.elements?.some((element) => element.action_id === "sr_submit"),
      ),
    ).length;
}

/** Everything the bot posted in a thread (text fallbacks), in order. */
export function threadTexts(emulator: SlackWebApiEmulator, channelId: string, threadTs: string): string[] {
  return emulator.messagesIn(channelId, threadTs).map((message) => message.text);
}

/** Ephemeral messages to one user in a channel, as text. */
export function ephemeralTexts(emulator: SlackWebApiEmulator, channelId: string, userId: string): string[] {
  return emulator
    .ephemeralsIn(channelId)
    .filter((message) => message.recipient === userId)
    .map((message) => message.text);
}

/** Another member of the default workspace and channel, known to the fake Web API. */
export function slackPerson(emulator: SlackWebApiEmulator, userId: string, userName: string): SlackPerson {
  emulator.addUser({ id: userId, name: userName });
  return { ...CASEY, userId, userName };
}
