import { isNode, LineCounter, parseDocument, stringify } from "yaml";
import type { ReadSettingsDocument, SettingsDocumentCodec } from "../core/ports/settings-document-codec.ts";

/** Settings files are a few KB; a file far larger is refused before it is parsed. */
export const MAX_SETTINGS_FILE_CHARS = 256 * 1024;

/**
 * Community settings as YAML (the format of the shipped question bank): read with line numbers
 * for error messages, written with the fields in schema order and long lines left unfolded.
 */
export const yamlSettingsCodec: SettingsDocumentCodec = {
  read(text: string): ReadSettingsDocument {
    if (text.length > MAX_SETTINGS_FILE_CHARS) {
      return { problems: [`the file is larger than ${MAX_SETTINGS_FILE_CHARS / 1024} KB`] };
    }
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, uniqueKeys: true });
    const errors = document.errors.map((error) => {
      const line = error.linePos?.[0]?.line;
      const message = error.message.split("\n")[0]?.trim() ?? "invalid YAML";
      return line === undefined ? `invalid YAML: ${message}` : `line ${line}: invalid YAML: ${message}`;
    });
    if (errors.length > 0) return { problems: errors };
    let value: unknown;
    try {
      // Aliases are refused: a settings file has no use for them, and they can expand hugely.
      value = document.toJS({ maxAliasCount: 0 });
    } catch (error) {
      return { problems: [`invalid YAML: ${error instanceof Error ? error.message : String(error)}`] };
    }
    const lineOf = (path: readonly PropertyKey[]): number | null => {
      for (let length = path.length; length >= 0; length -= 1) {
        const node = document.getIn(
          path.slice(0, length).map((part) => (typeof part === "symbol" ? String(part) : part)),
          true,
        );
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return null;
    };
    return { value: value ?? {}, lineOf };
  },
  write(value: unknown): string {
    return stringify(value, { lineWidth: 0 });
  },
};
