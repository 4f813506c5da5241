/**
 * Escapes the three characters Slack treats as control characters in message text. `&` goes first, so
 * text that already reads "&lt;" shows as "&lt;" rather than "<"; with every `<` escaped, no text can open a
 * mention (`<!channel>`, `<!here>`, `<@U123>`) or a link (`<http://…|label>`).
 */
export function escapeSlackText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
