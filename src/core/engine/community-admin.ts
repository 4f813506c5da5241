import { monthOf, startOfNextMonth } from "../model/calendar-periods.ts";
import {
  type CommunitySettings,
  CommunitySettingsSchema,
  changedSettingFields,
} from "../model/community-settings.ts";
import { readCommunitySettings } from "../model/read-community-settings.ts";
import type { TokenMeterReading } from "../model/token-meter.ts";
import type { CommunitySettingsStore } from "../ports/community-settings-store.ts";
import type { Clock, Logger } from "../ports/ports.ts";
import type { SettingsDocumentCodec } from "../ports/settings-document-codec.ts";

/** Who made a change, as the audit log names them: the platform's id, never a name or message. */
export interface SettingsActor {
  readonly id: string;
}

export type SettingsChangeOutcome =
  | { readonly ok: true; readonly settings: CommunitySettings; readonly changed: readonly string[] }
  /** Nothing was changed; each problem names its line and field where it has one. */
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * What `/interview admin` does for a community's admins: show the settings and the token meter,
 * export them as a file, import a file (all or nothing) and change single fields. Who may call it
 * is the adapter's check (platform permissions); every change is audited here, one structured log
 * line naming the admin's id, the community and the fields changed, never their values.
 */
export class CommunityAdmin {
  readonly #store: CommunitySettingsStore;
  readonly #codec: SettingsDocumentCodec;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(options: {
    readonly store: CommunitySettingsStore;
    readonly codec: SettingsDocumentCodec;
    readonly clock: Clock;
    readonly logger: Logger;
  }) {
    this.#store = options.store;
    this.#codec = options.codec;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  settings(scope: string): Promise<CommunitySettings> {
    return this.#store.get(scope);
  }

  async meter(scope: string): Promise<TokenMeterReading> {
    const now = this.#clock.now();
    const month = monthOf(now);
    const [settings, used] = await Promise.all([
      this.#store.get(scope),
      this.#store.tokensUsed(scope, month),
    ]);
    return { month, used, budget: settings.monthlyTokenBudget ?? null, resetsAt: startOfNextMonth(now) };
  }

  /** The settings as a file an admin can edit and import again. */
  async exportText(scope: string): Promise<string> {
    return this.#codec.write(await this.#store.get(scope));
  }

  /** Replaces the settings with the file's; on any problem, nothing changes. */
  async importText(scope: string, actor: SettingsActor, text: string): Promise<SettingsChangeOutcome> {
    const read = readCommunitySettings(text, this.#codec);
    if (!read.ok) return read;
    return this.#replace(scope, actor, read.settings, "import");
  }

  /**
   * Changes the given fields and keeps the rest; a field set to null goes back to its default.
   * On any problem, nothing changes.
   */
  async update(
    scope: string,
    actor: SettingsActor,
    changes: { readonly [Field in keyof CommunitySettings]?: CommunitySettings[Field] | null },
  ): Promise<SettingsChangeOutcome> {
    const current = await this.#store.get(scope);
    const merged: Record<string, unknown> = { ...current };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null) delete merged[field];
      else if (value !== undefined) merged[field] = value;
    }
    const parsed = CommunitySettingsSchema.safeParse(merged);
    if (!parsed.success) {
      return {
        ok: false,
        problems: parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`,
        ),
      };
    }
    return this.#replace(scope, actor, parsed.data, "update", current);
  }

  async #replace(
    scope: string,
    actor: SettingsActor,
    settings: CommunitySettings,
    how: "import" | "update",
    known?: CommunitySettings,
  ): Promise<SettingsChangeOutcome> {
    const before = known ?? (await this.#store.get(scope));
    const changed = changedSettingFields(before, settings);
    if (changed.length > 0) await this.#store.put(scope, settings);
    // The audit line: who, which community, which fields, when; never the values (questions are text).
    // At warn, so the default LOG_LEVEL (warn) keeps the audit trail.
    this.#logger.warn("community settings changed", {
      audit: "settings-change",
      scope,
      actor: actor.id,
      how,
      fields: changed,
      at: new Date(this.#clock.now()).toISOString(),
    });
    return { ok: true, settings, changed };
  }
}
