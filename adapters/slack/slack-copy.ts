import { plainMentions } from "../../src/core/model/sanitize-text.ts";
import { escapeSlackText } from "./render/index.ts";

/**
 * Wording only the Slack adapter uses (the interview itself speaks through src/core/copy.ts). All of
 * it is mrkdwn we write ourselves; anything a user typed is escaped before it is put in.
 */

/** Slack intercepts "/word" in the message box as a slash command, so in-thread commands use "!". */
export const SLACK_HELP = [
  "*SecondRound: mock interviews in a Slack thread*",
  "• `/interview start` opens a short form (role, company, round, number of questions, interviewer, and optionally the job description and your CV). I then post a message in the channel and interview you in its thread.",
  "• In the thread, type your answer in as many messages as you like, then press *Submit answer* (or send `!submit`). The other buttons skip, repeat the question, give a hint or end the interview. Slash commands don't work inside threads: send `!skip`, `!hint`, `!repeat`, `!pause`, `!resume`, `!status` or `!end` there instead.",
  "• `/interview status`: where you are. `/interview history`: your past interviews here and their scores. `/interview progress`: a chart of your scores over time, sent to you privately. `/interview stories`: your story bank, the stories you told by competency, to keep, rename or delete. `/interview log`: record how a first round went, so a second round there builds on it (`/interview log delete <company>` removes it). `/interview privacy`: what is kept about you and for how long, with buttons to export it or delete it. `/interview end`: finish now and get feedback. `/interview help`: this message. Workspace admins (and the admin user groups): `/interview admin` shows and changes this workspace's settings (daily limits, the AI budget, extra questions).",
  "Only your own messages in your thread count. Edits and deletions aren't picked up: what you first sent is what counts.",
].join("\n");

export function unknownSubcommandText(subcommand: string): string {
  return `I don't know \`/interview ${escapeSlackText(subcommand)}\`.\n\n${SLACK_HELP}`;
}

export const NO_INTERVIEW =
  "You have no interview running in this workspace. Start one with `/interview start`.";

export function whereText(channelId: string): string {
  return `Your interview is in the thread under my message in <#${channelId}>.`;
}

export function endingText(channelId: string): string {
  return `Ending your interview in <#${channelId}>: your feedback follows in its thread.`;
}

export function alreadyRunningText(channelId: string): string {
  return `You already have an interview running in <#${channelId}>. Carry on in its thread, or send \`/interview end\` to finish it and get feedback.`;
}

export const START_BUSY =
  "Your previous `/interview start` is still being set up. Give it a minute, then check with `/interview status`.";

export const MODAL_EXPIRED =
  "Slack took too long to open the form, so nothing happened. Please send `/interview start` again.";

/** Said before the form opens, when the app is not in the conversation `/interview start` came from. */
export const CANNOT_START_HERE =
  "I can't post in this conversation, so I can't interview you here. Invite me to the channel (`/invite @SecondRound`), or send `/interview start` in a direct message with me.";

export const CANNOT_POST_HERE =
  "I can't post in that conversation, so your interview was not started. Invite me to the channel (`/invite @SecondRound`), or send `/interview start` in a direct message with me.";

export function cvDownloadFailedText(fileName: string): string {
  return `I couldn't download your CV (${escapeSlackText(fileName)}) from Slack, so nothing was started. Please try again in a minute, or start without it.`;
}

/** Slack did not answer who someone is (users.info, a user group): refused, never guessed. */
export const ADMIN_CHECK_FAILED =
  "I couldn't check with Slack whether you're one of this workspace's SecondRound admins, so nothing was changed. Please try again in a minute.";

export const COMMAND_FAILED =
  "Something went wrong on my side, so nothing was changed. Please try the command again in a minute.";

export const START_FAILED =
  "Something went wrong on my side while starting your interview, so nothing was started. Please try `/interview start` again in a minute.";

/** The thread's parent message; the candidate mention is the only one the bot ever writes. */
export function parentMessageText(role: string, company: string, userId: string): string {
  // A user id from Slack's signed payload; checked anyway so nothing else can become markup.
  const candidate = /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : "you";
  // The role and company as the interview stores them (mention syntax as plain text), then escaped.
  const [shownRole, shownCompany] = [role, company].map((name) => escapeSlackText(plainMentions(name)));
  return `Mock interview: ${shownRole} at ${shownCompany} for ${candidate}. Answer in this thread.`;
}
