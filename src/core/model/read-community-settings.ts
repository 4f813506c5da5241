import type { SettingsDocumentCodec } from "../ports/settings-document-codec.ts";
import { type CommunitySettings, CommunitySettingsSchema } from "./community-settings.ts";

/** At most this many problems are listed; a file wrong everywhere needs the first ones fixed first. */
const MAX_LISTED_PROBLEMS = 20;

export type ReadSettingsOutcome =
  | { readonly ok: true; readonly settings: CommunitySettings }
  | { readonly ok: false; readonly problems: readonly string[] };

/** A field path as people read it: extraQuestions[2].kind. */
function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

/**
 * A settings file's text, validated by the settings schema. Every problem names its line and field
 * ("line 7, extraQuestions[0].competency: a behavioural question needs a competency"), so an admin
 * fixes the file in one go.
 */
export function readCommunitySettings(text: string, codec: SettingsDocumentCodec): ReadSettingsOutcome {
  const document = codec.read(text);
  if ("problems" in document) return { ok: false, problems: document.problems.slice(0, MAX_LISTED_PROBLEMS) };
  const parsed = CommunitySettingsSchema.safeParse(document.value);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
    const line = document.lineOf(path);
    const where = [line === null ? null : `line ${line}`, path.length > 0 ? fieldName(path) : null]
      .filter((part) => part !== null)
      .join(", ");
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  return { ok: false, problems: problems.slice(0, MAX_LISTED_PROBLEMS) };
}
