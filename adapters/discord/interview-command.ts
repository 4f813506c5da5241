import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { MAX_QUESTIONS } from "../../src/core/model/interview-options.ts";
import { addAdminOptions } from "./admin-command-options.ts";

/** Discord caps option strings at 6,000 characters; a job description rarely needs more. */
const MAX_JOB_DESCRIPTION = 4_000;

/** The one slash command, `/interview <start|end|status|history|progress|stories|log|privacy|help>`, as registered with Discord. */
export const interviewCommand = new SlashCommandBuilder()
  .setName("interview")
  .setDescription("Practise a job interview with SecondRound")
  // Interviews run in server threads; DMs have none.
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((start) =>
    start
      .setName("start")
      .setDescription("Start a mock interview in a private thread")
      .addStringOption((option) =>
        option
          .setName("role")
          .setDescription("The role, e.g. Data Analyst")
          .setRequired(true)
          .setMaxLength(120),
      )
      .addStringOption((option) =>
        option
          .setName("company")
          .setDescription("The company, e.g. Acme")
          .setRequired(true)
          .setMaxLength(120),
      )
      .addStringOption((option) =>
        option
          .setName("stage")
          .setDescription("Which round to practise")
          .addChoices(
            { name: "First round", value: "first" },
            { name: "Second round", value: "second" },
            { name: "Final round", value: "final" },
          ),
      )
      .addIntegerOption((option) =>
        option
          .setName("questions")
          .setDescription(`How many main questions (1-${MAX_QUESTIONS}, default 6)`)
          .setMinValue(1)
          .setMaxValue(MAX_QUESTIONS),
      )
      .addStringOption((option) =>
        option
          .setName("persona")
          .setDescription("Who interviews you")
          .addChoices(
            { name: "Hiring manager", value: "hiring-manager" },
            { name: "Department head", value: "department-head" },
            { name: "HR director", value: "director-hr" },
          ),
      )
      .addStringOption((option) =>
        option
          .setName("mode")
          .setDescription("Feedback at the end (realistic) or after each answer, with a retry (practice)")
          .addChoices(
            { name: "Realistic: feedback at the end", value: "realistic" },
            { name: "Practice: feedback after each answer, try again", value: "practice" },
          ),
      )
      .addStringOption((option) =>
        option
          .setName("difficulty")
          .setDescription("How hard the panel's follow-ups probe")
          .addChoices(
            { name: "Supportive", value: "supportive" },
            { name: "Standard", value: "standard" },
            { name: "Tough panel", value: "tough" },
          ),
      )
      .addAttachmentOption((option) =>
        option.setName("cv").setDescription("Your CV (PDF, Word .docx, text or Markdown; up to 5 MB)"),
      )
      .addStringOption((option) =>
        option
          .setName("job_description")
          .setDescription("The job description, pasted as text")
          .setMaxLength(MAX_JOB_DESCRIPTION),
      )
      .addAttachmentOption((option) =>
        option.setName("job_description_file").setDescription("The job description as a file"),
      ),
  )
  .addSubcommand((end) => end.setName("end").setDescription("Finish your interview now and get feedback"))
  .addSubcommand((status) => status.setName("status").setDescription("Where you are in your interview"))
  .addSubcommand((history) => history.setName("history").setDescription("Your past interviews and scores"))
  .addSubcommand((progress) =>
    progress.setName("progress").setDescription("A chart of your scores over time and competency coverage"),
  )
  .addSubcommand((stories) =>
    stories
      .setName("stories")
      .setDescription("Your story bank: the stories you told, by competency, to keep, rename or delete"),
  )
  .addSubcommand((log) =>
    log
      .setName("log")
      .setDescription("Record how your first round went, so a second round builds on it")
      .addStringOption((option) =>
        option.setName("company").setDescription("Edit your log for this company").setMaxLength(120),
      )
      .addStringOption((option) =>
        option.setName("delete").setDescription("Delete your log for this company").setMaxLength(120),
      ),
  )
  .addSubcommand((privacy) =>
    privacy.setName("privacy").setDescription("What is kept about you, and export or delete it"),
  )
  .addSubcommand((admin) => addAdminOptions(admin))
  .addSubcommand((help) => help.setName("help").setDescription("How SecondRound works"));
