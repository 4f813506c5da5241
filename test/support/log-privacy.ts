// Logs must never carry what a candidate wrote or a credential: every `secondround` process the
// suite starts logs at its most verbose level, and its log lines are checked against its secrets
// (credential-like variables) and the text typed into it. Any finding fails the test file (see
// log-privacy-setup.ts), so the whole test run is the scan.

/** Findings of this test file: which process, what leaked (shortened), in which log line. */
export const logLeaks: string[] = [];

/** A pino JSON line (the product's log format), as opposed to a message for the person at the terminal. */
export function isLogLine(line: string): boolean {
  return line.startsWith('{"level":');
}

/** Names whose values are credentials; the key prefix is a namespace, not a secret. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|API_KEY|ENCRYPTION_KEY/;
/** Shorter values (test placeholders such as "x") would match by chance. */
const MIN_SECRET_LENGTH = 8;
/** A typed sentence this long is the candidate's own words; shorter ones ("yes", "!submit") are not. */
const MIN_SENTENCE_WORDS = 6;

/** Sentences of at least MIN_SENTENCE_WORDS words in `text` (answers, CVs), as they would be quoted. */
export function sentencesOf(text: string): string[] {
  return (
    text
      .split(/(?<=[.!?])\s+|\n+/)
      // Without its full stop, so a sentence quoted inside a longer line is still found.
      .map((sentence) => sentence.trim().replace(/[.!?]+$/, ""))
      .filter((sentence) => sentence.split(/\s+/).length >= MIN_SENTENCE_WORDS)
  );
}

export function secretsOf(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(
      ([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH,
    )
    .map(([, value]) => value as string);
}

/** A finding for every secret or personal sentence found in `logs`. */
export function checkLogPrivacy(
  process: string,
  logs: readonly string[],
  sensitive: { readonly secrets: readonly string[]; readonly personal: readonly string[] },
): string[] {
  const findings: string[] = [];
  for (const line of logs) {
    for (const secret of sensitive.secrets) {
      if (line.includes(secret)) findings.push(`${process}: a credential in ${line.slice(0, 300)}`);
    }
    for (const sentence of sensitive.personal) {
      if (line.includes(sentence))
        findings.push(`${process}: "${sentence.slice(0, 60)}…" in ${line.slice(0, 300)}`);
    }
  }
  return findings;
}
