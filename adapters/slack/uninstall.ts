import type { App } from "@slack/bolt";
import { type SecretStore, secretKey } from "../../src/core/ports/secret-store.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { slackScope } from "./conversation-keys.ts";
import { INSTALLATION_SECRET } from "./installation-store.ts";
import type { WorkspaceClients } from "./workspace-clients.ts";

export interface WorkspaceEraser {
  readonly secrets: SecretStore;
  readonly clients: WorkspaceClients;
}

/**
 * Uninstalling the app, or revoking its bot token, ends SecondRound's relationship with the
 * workspace: its token and every interview, claim and directory entry of the workspace are
 * deleted at once (docs/slack.md). Bolt delivers both events without authorising them, since the
 * token is already gone; both are idempotent, so retries and other replicas repeat them harmlessly.
 */
export function registerUninstall(app: App, bot: SlackBotContext, eraser: WorkspaceEraser): void {
  app.event("app_uninstalled", ({ body }) =>
    bot.track(() => eraseWorkspace(body.team_id, "app_uninstalled", bot, eraser)),
  );
  app.event("tokens_revoked", ({ event, body }) =>
    bot.track(async () => {
      // Only the bot token matters: SecondRound holds no user tokens it acts with.
      if ((event.tokens.bot ?? []).length === 0) return;
      await eraseWorkspace(body.team_id, "tokens_revoked", bot, eraser);
    }),
  );
}

export async function eraseWorkspace(
  teamId: string,
  reason: string,
  bot: SlackBotContext,
  { secrets, clients }: WorkspaceEraser,
): Promise<void> {
  const scope = slackScope(teamId);
  clients.forget(teamId);
  await secrets.delete(secretKey(scope, INSTALLATION_SECRET));
  await secrets.deletePrefix?.(`${scope}/`);
  const erased = await bot.services.desk.eraseCommunity(scope);
  // The audit line for an erasure: which community, why (the workspace's own uninstall), when.
  // At warn, so the default LOG_LEVEL (warn) keeps the audit trail.
  bot.logger.warn("slack workspace erased", {
    audit: "community-erasure",
    scope,
    teamId,
    reason,
    actor: "slack-uninstall",
    keys: erased,
    at: new Date(bot.services.clock.now()).toISOString(),
  });
}
