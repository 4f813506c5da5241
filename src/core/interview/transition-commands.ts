import { COMMAND_HELP, NOTICES } from "./copy.ts";
import type { CommandName } from "./parse-command.ts";
import { runReviewCommand } from "./practice-review.ts";
import { enqueueMessage } from "./session-outbox.ts";
import { statusText } from "./session-status.ts";
import { currentQuestion, isClosing, promptText, turnActions, turnIdOf } from "./session-turns.ts";
import { buildPart, finishInterview, recordAnswer } from "./transition-flow.ts";
import { pause, resume } from "./transition-pause.ts";
import { markChanged, notify, requestCoach, type TransitionStep } from "./transition-step.ts";
import { submitDraft } from "./transition-submit.ts";

/** Commands typed as /name or pressed as buttons. A button carries the prompt it belongs to. */
export function runCommand(step: TransitionStep, command: CommandName, turnId: string | undefined): void {
  const turn = step.session.turn;
  const stale = turnId !== undefined && (!turn || turnIdOf(turn) !== turnId);
  if (stale && command !== "end" && command !== "pause" && command !== "resume") {
    return notify(step, NOTICES.alreadyAnswered);
  }
  if (runReviewCommand(step, command)) return;
  switch (command) {
    case "submit":
      return submitDraft(step, turnId);
    case "skip":
      return skip(step);
    case "repeat":
      return repeat(step);
    case "hint":
      return hint(step);
    case "end":
      return endEarly(step);
    case "pause":
      return pause(step);
    case "resume":
      return resume(step);
    case "help":
      return notify(step, COMMAND_HELP);
    case "status":
      return notify(step, statusText(step.session));
    case "retry":
    case "stronger":
    case "next":
      // Only after an answer's practice feedback (see practice-review.ts).
      return notify(step, NOTICES.practiceOnly);
  }
}

function skip(step: TransitionStep): void {
  const { session, at } = step;
  const turn = session.turn;
  if (session.phase !== "interviewing" || !turn) return notify(step, NOTICES.interviewOver);
  if (turn.awaitingCoach) return notify(step, NOTICES.waitForCoach);
  enqueueMessage(session, at, [{ kind: "text", tone: "notice", text: NOTICES.skipped }]);
  markChanged(step);
  if (turn.prompt === "probe" && turn.mainPart) {
    // Skipping a follow-up keeps the main answer; it is assessed as it stands.
    return recordAnswer(step, { parts: [turn.mainPart], status: "answered" }, turn.draft);
  }
  // Anything typed before skipping is kept with the skipped answer, not scored.
  const parts = turn.draft.length > 0 ? [buildPart(turn, turn.draft, at, promptText(session, turn))] : [];
  const question = currentQuestion(session);
  if (question && isClosing(question)) {
    session.candidateQuestions = {
      quality: "none",
      questions: [],
      feedback:
        "You didn't ask any questions. Always have two or three ready: it is one of the clearest signals of interest an interviewer sees.",
    };
  }
  recordAnswer(step, { parts, status: "skipped" }, []);
}

function repeat(step: TransitionStep): void {
  const { session } = step;
  const turn = session.turn;
  if (session.phase !== "interviewing" || !turn) return notify(step, NOTICES.interviewOver);
  step.effects.push({
    type: "notify",
    message: {
      idempotencyKey: `${session.id}:repeat:${step.eventKey}`,
      conversation: session.conversation,
      visibility: { kind: "conversation" },
      replies: [
        {
          kind: "text",
          tone: turn.prompt === "probe" ? "probe" : "question",
          text: promptText(session, turn),
        },
      ],
      actions: turnActions(turnIdOf(turn)),
    },
  });
}

function hint(step: TransitionStep): void {
  const { session, at } = step;
  const turn = session.turn;
  const question = currentQuestion(session);
  if (session.phase !== "interviewing" || !turn || !question) return notify(step, NOTICES.interviewOver);
  turn.hintUsed = true;
  markChanged(step);
  enqueueMessage(session, at, [{ kind: "text", tone: "hint", text: `Hint: ${question.hint}` }]);
}

/** Ends early; a draft in progress is kept as the answer first so nothing typed is lost. */
function endEarly(step: TransitionStep): void {
  const { session, at } = step;
  if (session.phase === "reporting" || session.phase === "finished")
    return notify(step, NOTICES.interviewOver);
  const turn = session.turn;
  const question = currentQuestion(session);
  if (turn && question) {
    const draftPart =
      turn.draft.length > 0 ? [buildPart(turn, turn.draft, at, promptText(session, turn))] : [];
    const parts = [...(turn.mainPart ? [turn.mainPart] : []), ...draftPart];
    if (parts.length > 0) {
      if (isClosing(question)) requestCoach(step, "assess-candidate-questions");
      recordAnswer(step, { parts, status: "answered" }, [], false);
    }
  }
  finishInterview(step, true);
}
