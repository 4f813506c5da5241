/** The in-interview commands the core's wording mentions as "/name" (the terminal's form). */
const IN_INTERVIEW_COMMANDS =
  /(^|[\s(("'`])\/(submit|done|skip|repeat|hint|pause|resume|end|status|help|retry|stronger|next)\b/g;

/**
 * In Discord and Slack a message starting with "/" is taken by the app as a slash command, so
 * candidates type "!submit" there (the engine accepts both). The core's wording names the
 * terminal form; chat renderers show the chat form. `/interview` itself is left alone.
 */
export function chatCommandForm(text: string): string {
  return text.replace(IN_INTERVIEW_COMMANDS, (_match, before: string, name: string) => `${before}!${name}`);
}
