import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from "@slack/bolt";
import { readCandidateDocument } from "../../src/core/engine/candidate-document.ts";
import type { StartOutcome } from "../../src/core/engine/interview-desk.ts";
import { dailyLimitText } from "../../src/core/interview/community-copy.ts";
import { documentProblemText, NOTICES } from "../../src/core/interview/copy.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { CHAT_QUIET_PERIOD_MS } from "../../src/core/model/interview-options.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { parseSlackConversation, slackConversation, slackScope } from "./conversation-keys.ts";
import { downloadSlackFile } from "./download-file.ts";
import { type Note, notifyUser, ownNote, plainNote } from "./notify-user.ts";
import {
  alreadyRunningText,
  CANNOT_POST_HERE,
  cvDownloadFailedText,
  parentMessageText,
  START_BUSY,
  START_FAILED,
} from "./slack-copy.ts";
import { describeSlackError, isPermanentSlackError } from "./slack-errors.ts";
import {
  MAX_CV_BYTES,
  parseStartSubmission,
  START_CALLBACK_ID,
  type StartSubmission,
} from "./start-modal.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Submissions remembered by one bot, so a repeated delivery of the same form does nothing twice. */
const REMEMBERED_SUBMISSIONS = 5_000;

export function registerStartSubmission(app: App, bot: SlackBotContext): void {
  const seen = new BoundedSet(REMEMBERED_SUBMISSIONS);
  app.view<ViewSubmitAction>({ callback_id: START_CALLBACK_ID, type: "view_submission" }, (args) =>
    bot.track(() => handleStartSubmission(args, bot, seen)),
  );
}

/**
 * The start form was submitted. Invalid fields are answered inline before the 3-second ack;
 * everything slow (CV download and parsing, planning the questions) happens after it, with
 * progress and problems told to the candidate privately.
 */
async function handleStartSubmission(args: ViewArgs, bot: SlackBotContext, seen: BoundedSet): Promise<void> {
  const { ack, view, body, context, client } = args;
  const parsed = parseStartSubmission(view);
  if (!parsed.ok) {
    await ack({ response_action: "errors", errors: parsed.errors });
    return;
  }
  await ack();
  const submission = parsed.submission;
  // The view id and hash name this submission of this form; the desk claims it in Redis too.
  const eventId = `view:${view.id}:${view.hash}`;
  if (!seen.add(eventId)) return;
  const teamId = context.teamId ?? view.team_id;
  const candidate = { id: body.user.id, name: body.user.name || body.user.id };
  const tell = (note: Note) =>
    notifyUser(client, { channelId: submission.channelId, userId: candidate.id }, note, bot.logger);
  try {
    await startInterview(
      { submission, teamId, candidate, eventId, client, botToken: context.botToken, tell },
      bot,
    );
  } catch (error) {
    bot.logger.error("slack interview not started", { error: describeSlackError(error) });
    await tell(ownNote(startFailureText(error)));
  }
}

/** Why nothing was started, in the candidate's terms, and what to do. */
function startFailureText(error: unknown): string {
  if (error instanceof StoreUnavailableError) return NOTICES.commandNotDone;
  return isPermanentSlackError(error) ? CANNOT_POST_HERE : START_FAILED;
}

interface StartRequest {
  readonly submission: StartSubmission;
  readonly teamId: string;
  readonly candidate: { readonly id: string; readonly name: string };
  readonly eventId: string;
  readonly client: webApi.WebClient;
  readonly botToken: string | undefined;
  readonly tell: (note: Note) => Promise<void>;
}

async function startInterview(request: StartRequest, bot: SlackBotContext): Promise<void> {
  const { submission, teamId, candidate, client, tell } = request;
  const { desk, clock } = bot.services;
  const scope = slackScope(teamId);
  // Checked before the CV is downloaded; the desk checks again, atomically, when it starts.
  const active = await desk.activeInterview(scope, candidate.id);
  if (active) return tell(ownNote(runningElsewhere(active.conversation)));

  const cvText = submission.cv ? await readCv(request, bot) : null;
  if (cvText === undefined) return;
  const outcome = await desk.start({
    scope,
    candidate,
    eventId: request.eventId,
    receivedAt: clock.now(),
    options: {
      role: submission.role,
      company: submission.company,
      stage: submission.stage,
      questionCount: submission.questionCount,
      persona: submission.persona,
      mode: submission.mode,
      difficulty: submission.difficulty,
      quietPeriodMs: CHAT_QUIET_PERIOD_MS,
    },
    ...(cvText !== null || submission.jobDescription !== null
      ? { documents: { cv: cvText, jobDescription: submission.jobDescription } }
      : {}),
    openConversation: async () => {
      const posted = await client.chat.postMessage({
        channel: submission.channelId,
        text: parentMessageText(submission.role, submission.company, candidate.id),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ts) throw new Error("chat.postMessage returned no ts");
      return slackConversation({
        teamId,
        channelId: posted.channel ?? submission.channelId,
        threadTs: posted.ts,
      });
    },
  });
  const note = outcomeNote(outcome);
  if (note) await tell(note);
}

/**
 * The CV's text; null when there is no CV; undefined when it cannot be used (the candidate has been
 * told why, and nothing is started).
 */
async function readCv(request: StartRequest, bot: SlackBotContext): Promise<string | null | undefined> {
  const cv = request.submission.cv;
  if (!cv) return null;
  if (!request.botToken) throw new Error("no bot token to download the CV with");
  const download = await downloadSlackFile(cv.url, {
    token: request.botToken,
    maxBytes: MAX_CV_BYTES,
    allowedOrigins: bot.fileOrigins,
  });
  if (!download.ok) {
    if (download.problem === "too-large") {
      await request.tell(plainNote(documentProblemText("CV", cv.name, "too-large")));
    } else {
      bot.logger.warn("slack CV not downloaded", { fileId: cv.id, reason: download.detail });
      await request.tell(ownNote(cvDownloadFailedText(cv.name)));
    }
    return undefined;
  }
  const reading = await readCandidateDocument(bot.services.documents, download.bytes, "CV", cv.name);
  if (!reading.ok) {
    await request.tell(plainNote(reading.message));
    return undefined;
  }
  // Shown before any question is based on it, so the candidate can see what was understood.
  if (reading.note) await request.tell(plainNote(reading.note));
  return reading.text;
}

function outcomeNote(outcome: StartOutcome): Note | null {
  switch (outcome.kind) {
    case "started":
    case "duplicate":
      // The interview speaks for itself in its thread; a redelivered submission says nothing.
      return null;
    case "already-active":
      return ownNote(runningElsewhere(outcome.session.conversation));
    case "busy":
      return ownNote(START_BUSY);
    case "invalid-options":
      return plainNote(NOTICES.invalidOptions(outcome.problems));
    case "daily-limit":
      return ownNote(dailyLimitText(outcome.limit, outcome.resetsAt));
  }
}

function runningElsewhere(conversation: string): string {
  const thread = parseSlackConversation(conversation);
  return thread ? alreadyRunningText(thread.channelId) : START_BUSY;
}
