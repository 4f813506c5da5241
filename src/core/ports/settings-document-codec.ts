/** A settings file as read: its value, and where each field was written (for error messages). */
export type ReadSettingsDocument =
  | {
      readonly value: unknown;
      /** The line (1-based) a field's value starts on, or its nearest written parent's; null if none. */
      readonly lineOf: (path: readonly PropertyKey[]) => number | null;
    }
  /** The text is not a well-formed document; each problem names its line. */
  | { readonly problems: readonly string[] };

/**
 * Reads and writes community settings files (YAML). The format lives outside the core; the
 * core validates what it reads with the settings schema and names the line of each problem.
 */
export interface SettingsDocumentCodec {
  read(text: string): ReadSettingsDocument;
  write(value: unknown): string;
}
