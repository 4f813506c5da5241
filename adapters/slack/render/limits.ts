/**
 * Slack Block Kit limits (api.slack.com/reference/block-kit; @slack/types block-kit/blocks.d.ts), measured
 * in UTF-16 code units after escaping, which is never fewer than the characters Slack counts.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  /** Slack truncates `text` at 40,000; as a notification and fallback, 4,000 is plenty and reads better. */
  fallbackText: 4000,
  /**
   * Our own cap on block text per message, not a Slack rule: long reports read better as a few messages,
   * and it keeps each request far from any undocumented payload ceiling.
   */
  blockTextPerMessage: 12_000,
} as const;
