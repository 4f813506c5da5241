import type { CommunityAdmin, SettingsChangeOutcome } from "../../src/core/engine/community-admin.ts";
import { settingsProblemsText, settingsSummaryText } from "../../src/core/interview/community-copy.ts";

/** `/interview admin` and a settings file's import answer with the same words. */

/** "Saved: changed …" (or the problems, nothing changed), then the settings as they now are. */
export async function outcomeText(
  outcome: SettingsChangeOutcome,
  done: string,
  admin: CommunityAdmin,
  scope: string,
): Promise<string> {
  if (!outcome.ok) return settingsProblemsText(outcome.problems);
  const changed = outcome.changed.length === 0 ? "nothing changed" : `changed ${outcome.changed.join(", ")}`;
  return `${done}: ${changed}.\n\n${await summaryOf(admin, scope)}`;
}

export async function summaryOf(admin: CommunityAdmin, scope: string): Promise<string> {
  const [settings, meter] = await Promise.all([admin.settings(scope), admin.meter(scope)]);
  // Slack's bold is single asterisks.
  return settingsSummaryText(settings, meter).replace(/\*\*/g, "*");
}
