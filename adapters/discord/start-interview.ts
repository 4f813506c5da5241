import type { Attachment, ChatInputCommandInteraction } from "discord.js";
import { readCandidateDocument } from "../../src/core/engine/candidate-document.ts";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { dailyLimitText } from "../../src/core/interview/community-copy.ts";
import { documentProblemText } from "../../src/core/interview/copy.ts";
import { CHAT_QUIET_PERIOD_MS } from "../../src/core/model/interview-options.ts";
import type { Difficulty, InterviewMode, Persona, Stage } from "../../src/core/model/interview-vocabulary.ts";
import { plainMentions } from "../../src/core/model/sanitize-text.ts";
import { discordConversation, discordScope, threadIdOf } from "./conversation-keys.ts";
import { downloadAttachment } from "./download-attachment.ts";
import { openInterviewThread, type ThreadType } from "./thread-opener.ts";

type DocumentText = { text: string | null; notes: string[] } | { problem: string };

/**
 * `/interview start`, already deferred (the 3-second deadline is met before any slow work):
 * reads the CV and job description safely, then lets the desk open the thread and start.
 * Returns the text of the candidate's private reply.
 */
export async function startInterview(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
  threadType: ThreadType,
): Promise<string> {
  const guildId = interaction.guildId;
  if (!guildId) return "Interviews run in a server channel; try /interview start there.";
  const options = interaction.options;
  const cv = await readAttachment(options.getAttachment("cv"), "CV", services);
  if ("problem" in cv) return cv.problem;
  const jdFile = await readAttachment(
    options.getAttachment("job_description_file"),
    "job description",
    services,
  );
  if ("problem" in jdFile) return jdFile.problem;
  const jobDescription = jdFile.text ?? options.getString("job_description");
  const role = options.getString("role", true);
  const company = options.getString("company", true);
  const outcome = await services.desk.start({
    scope: discordScope(guildId),
    candidate: { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username },
    eventId: interaction.id,
    receivedAt: interaction.createdTimestamp,
    options: {
      role,
      company,
      quietPeriodMs: CHAT_QUIET_PERIOD_MS,
      // Choices are fixed at registration; the desk validates them again.
      ...optional("stage", options.getString("stage") as Stage | null),
      ...optional("questionCount", options.getInteger("questions")),
      ...optional("persona", options.getString("persona") as Persona | null),
      ...optional("mode", options.getString("mode") as InterviewMode | null),
      ...optional("difficulty", options.getString("difficulty") as Difficulty | null),
    },
    ...(cv.text || jobDescription ? { documents: { cv: cv.text, jobDescription } } : {}),
    openConversation: async () => {
      const name = `Interview: ${plainMentions(role.trim())} at ${plainMentions(company.trim())}`;
      // The server's admins may choose who sees interview threads (`/interview admin threads`).
      const chosen = (await services.admin?.settings(discordScope(guildId)))?.threads;
      const thread = await openInterviewThread(interaction, chosen ?? threadType, name);
      return discordConversation(guildId, thread.id);
    },
  });
  switch (outcome.kind) {
    case "started":
      return [
        `Your interview is ready in <#${threadIdOf(outcome.conversation)}>. Good luck!`,
        ...cv.notes,
      ].join("\n\n");
    case "already-active":
      return `You already have an interview running in <#${threadIdOf(outcome.session.conversation)}>. Carry on there, or use /interview end to finish it and get feedback.`;
    case "busy":
      return "Your interview is still being set up; it will appear in a moment.";
    case "duplicate":
      return "That request was already handled.";
    case "invalid-options":
      return `Those options don't work: ${outcome.problems}`;
    case "daily-limit":
      return dailyLimitText(outcome.limit, outcome.resetsAt);
  }
}

async function readAttachment(
  attachment: Attachment | null,
  label: "CV" | "job description",
  services: ChatBotServices,
): Promise<DocumentText> {
  if (!attachment) return { text: null, notes: [] };
  const download = await downloadAttachment(attachment);
  if (!download.ok) {
    return download.problem === "too-large"
      ? { problem: documentProblemText(label, attachment.name, "too-large") }
      : { problem: `I couldn't download your ${label} (${attachment.name}) from Discord. Please try again.` };
  }
  const reading = await readCandidateDocument(services.documents, download.bytes, label, attachment.name);
  if (!reading.ok) return { problem: reading.message };
  return { text: reading.text, notes: reading.note ? [reading.note] : [] };
}

function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}
