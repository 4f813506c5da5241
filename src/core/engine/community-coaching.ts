import { monthOf, readableDate, startOfNextMonth } from "../model/calendar-periods.ts";
import type { CommunitySettings } from "../model/community-settings.ts";
import type { BankEntry } from "../model/question-bank-entry.ts";
import { isDefaultEmphasis, type RubricEmphasis } from "../model/rubric-emphasis.ts";
import type { CoachTaskName } from "../model/session-events.ts";
import type { TokenUsage } from "../model/token-usage.ts";
import type { CommunitySettingsStore } from "../ports/community-settings-store.ts";
import type { Clock } from "../ports/ports.ts";

/** How one coach task runs for the interview's community. */
export interface CommunityCoachChoice {
  /** Set when the community's settings put the offline coach in the AI coach's place: why, to the member. */
  readonly offlineReason: string | null;
  /** The community's extra questions, for planning. */
  readonly extraQuestions: readonly BankEntry[];
  /** The community's rubric emphasis, for evaluations; null: the rubric as shipped. */
  readonly emphasis: RubricEmphasis | null;
}

const AS_USUAL: CommunityCoachChoice = { offlineReason: null, extraQuestions: [], emphasis: null };

/** The community of a conversation: "discord:G:thread" belongs to "discord:G". */
export function scopeOfConversation(conversation: string): string {
  const first = conversation.indexOf(":");
  const second = conversation.indexOf(":", first + 1);
  return second < 0 ? conversation : conversation.slice(0, second);
}

/** Said in the report (or before the first question) when the budget put the offline coach in charge. */
export function budgetUsedUpText(now: number): string {
  return `This community's monthly AI budget is used up; the offline coach is assessing until ${readableDate(startOfNextMonth(now))}.`;
}

export const AI_COACH_OFF_TEXT =
  "This community's admins have turned the AI coach off; the offline coach is assessing.";

/**
 * Applies a community's coaching settings to its interviews' coach tasks: its extra questions join
 * the planner's pool, and with the AI coach turned off or the month's token budget used up the
 * offline coach does the work, labelled. Every AI call's tokens are added to the community's meter.
 * The budget is checked before a call, so the last call of a month may go past it by its own size.
 */
export class CommunityCoaching {
  readonly #store: CommunitySettingsStore;
  readonly #clock: Clock;

  constructor(store: CommunitySettingsStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  /**
   * The choice for one task. `aiCoach` says whether the deployment's coach is an AI coach (with no
   * AI coach there is no budget to keep and nothing to label); planning (extra questions) and
   * evaluating (the rubric emphasis) always read the settings.
   */
  async choose(conversation: string, task: CoachTaskName, aiCoach: boolean): Promise<CommunityCoachChoice> {
    const planning = task === "plan-questions";
    const evaluating = task === "evaluate-answer";
    if (!planning && !evaluating && !aiCoach) return AS_USUAL;
    const scope = scopeOfConversation(conversation);
    const settings = await this.#store.get(scope);
    const extraQuestions = planning ? (settings.extraQuestions ?? []) : [];
    const offlineReason = aiCoach ? await this.#offlineReason(scope, settings) : null;
    const emphasis =
      evaluating && !isDefaultEmphasis(settings.rubricEmphasis) ? (settings.rubricEmphasis ?? null) : null;
    return { offlineReason, extraQuestions, emphasis };
  }

  /** Adds an AI task's tokens to the community's meter for this month. */
  async spent(conversation: string, usage: TokenUsage): Promise<void> {
    const tokens = usage.inputTokens + usage.outputTokens;
    if (tokens <= 0) return;
    await this.#store.addTokens(scopeOfConversation(conversation), monthOf(this.#clock.now()), tokens);
  }

  async #offlineReason(scope: string, settings: CommunitySettings): Promise<string | null> {
    if (settings.aiCoach === false) return AI_COACH_OFF_TEXT;
    const budget = settings.monthlyTokenBudget;
    if (budget === undefined) return null;
    const now = this.#clock.now();
    const used = await this.#store.tokensUsed(scope, monthOf(now));
    return used >= budget ? budgetUsedUpText(now) : null;
  }
}
