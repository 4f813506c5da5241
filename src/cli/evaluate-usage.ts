import { CORE_COMPETENCIES } from "../core/model/interview-vocabulary.ts";
import { EVALUATE_KINDS } from "./evaluate-input.ts";

// Kept apart from the command, so `evaluate --help` answers without loading a coach.
export const EXAMPLE_RECORD = JSON.stringify({
  question: "Describe a time you worked in a team.",
  answer: "On my placement I ...",
  competency: "teamwork",
});

export const EVALUATE_USAGE = `Usage: secondround evaluate [--coach offline|llm] < answers.jsonl
Assesses answers given on stdin as one JSON object, a JSON array, or JSON Lines, and prints one
evaluation JSON per input record, in order (see README, "Evaluation JSON").
  --coach offline|llm  offline: the built-in rubric, no network; llm: the AI coach (needs
                       OPENAI_API_KEY or OPENAI_BASE_URL). Default: the configured coach.
  -h, --help           this text
Input fields:
  question    required; the question as asked
  answer      required; the candidate's answer
  kind        ${EVALUATE_KINDS.join(" | ")}
              ("closing" = candidate-questions); inferred from the question's wording when omitted
  competency  any label. The six core competencies are recognised:
                ${CORE_COMPETENCIES.join(", ")}
              and so are common synonyms, ignoring case, spaces, hyphens and underscores
              (teamwork -> collaboration, resilience -> failure, ownership -> initiative, time
              management -> pressure; the table is prompts/competencies.yaml). Any other label is
              kept as competencyLabel with a warning, and the answer is judged on the question's
              wording.
  role, company  optional context
  roundOneNotes  optional: what the candidate noted about this question after round 1; clear
              contradictions with the answer (numbers, years, roles, outcomes) are reported in
              "consistency", each with both sentences verbatim
Exit status: 0 when every record was evaluated (warnings included), 1 when a record could not be
read or stdin was empty, 2 for a mistake in the options.
Example (answers.jsonl holds one record per line):
  ${EXAMPLE_RECORD}
  secondround evaluate --coach offline < answers.jsonl`;
