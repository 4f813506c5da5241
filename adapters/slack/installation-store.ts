import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../src/core/ports/ports.ts";
import {
  type SecretKey,
  type SecretStore,
  secretKey,
  splitSecretKey,
} from "../../src/core/ports/secret-store.ts";
import { slackScope } from "./conversation-keys.ts";

/** The one secret per workspace: Bolt's whole installation record (bot token, ids, scopes). */
export const INSTALLATION_SECRET = "install";

/** What the bot relies on in a stored installation; the rest of Bolt's record is kept as is. */
const StoredInstallationSchema = z.looseObject({
  bot: z.looseObject({ token: z.string().min(1) }).optional(),
});

/** A workspace install, or an org-wide one (keyed by the enterprise id, as Bolt queries it). */
function installationKey(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean;
}): SecretKey {
  const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!id) throw new Error("An installation names its workspace (or its organisation for org-wide installs)");
  return secretKey(slackScope(id), INSTALLATION_SECRET);
}

/**
 * Bolt's InstallationStore over the SecretStore port: OAuth installs are kept encrypted, one per
 * workspace, under the workspace's scope, so uninstalling (which erases the scope) removes them.
 */
export class SecretInstallationStore implements InstallationStore {
  readonly #secrets: SecretStore;
  readonly #logger: Logger;

  constructor(secrets: SecretStore, logger: Logger) {
    this.#secrets = secrets;
    this.#logger = logger;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installationKey({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
    });
    await this.#secrets.put(key, JSON.stringify(installation));
    this.#logger.info("slack workspace installed", { scope: splitSecretKey(key).scope });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const installation = await this.#read(installationKey(query));
    // Bolt turns this into "authorization failed": no listener runs for a workspace we do not know.
    if (!installation) throw new Error(`No Slack installation for ${query.teamId ?? query.enterpriseId}`);
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.#secrets.delete(installationKey(query));
  }

  /** The workspace's bot token, or null when the app is not installed there (or no longer readable). */
  async botToken(teamId: string): Promise<string | null> {
    const installation = await this.#read(installationKey({ teamId, isEnterpriseInstall: false }));
    return installation?.bot?.token ?? null;
  }

  async #read(key: SecretKey): Promise<Installation | null> {
    const stored = await this.#secrets.get(key);
    if (stored === null) return null;
    try {
      const parsed = StoredInstallationSchema.safeParse(JSON.parse(stored));
      if (parsed.success) return parsed.data as unknown as Installation;
    } catch {
      // Reported below, like a schema mismatch.
    }
    this.#logger.error("stored slack installation is unreadable; the workspace must reinstall", {
      scope: splitSecretKey(key).scope,
    });
    return null;
  }
}
