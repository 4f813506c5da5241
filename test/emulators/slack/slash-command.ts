// A slash command as Slack POSTs it: a flat form (`dist/types/command/index.d.ts` in @slack/bolt 5.1). Slash
// commands cannot be invoked inside threads, so there is no thread_ts field to fill.
import { slackDefaults, triggerIdLike, unreachableResponseUrl } from "./ids.ts";
import { formRequest, type InboundRequest } from "./inbound-request.ts";

export type SlashCommandOptions = {
  command?: string;
  text?: string;
  userId?: string;
  userName?: string;
  teamId?: string;
  teamDomain?: string;
  channelId?: string;
  channelName?: string;
  /** Use `emulator.issueTriggerId()` when the handler will open a modal; the default is unknown to the emulator. */
  triggerId?: string;
  /** Use `emulator.issueResponseUrl()` when the handler will `respond()`; the default refuses connections. */
  responseUrl?: string;
  apiAppId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  token?: string;
};

export function slashCommand(options: SlashCommandOptions = {}): InboundRequest {
  return formRequest({
    token: options.token ?? slackDefaults.verificationToken,
    team_id: options.teamId ?? slackDefaults.teamId,
    team_domain: options.teamDomain ?? slackDefaults.teamDomain,
    enterprise_id: options.enterpriseId,
    channel_id: options.channelId ?? slackDefaults.channelId,
    channel_name: options.channelName ?? slackDefaults.channelName,
    user_id: options.userId ?? slackDefaults.userId,
    user_name: options.userName ?? slackDefaults.userName,
    command: options.command ?? "/interview",
    text: options.text ?? "",
    api_app_id: options.apiAppId ?? slackDefaults.appId,
    // A form field, so a string: Bolt's isBodyWithTypeEnterpriseInstall compares it with "true".
    is_enterprise_install: String(options.isEnterpriseInstall ?? false),
    response_url: options.responseUrl ?? unreachableResponseUrl,
    trigger_id: options.triggerId ?? triggerIdLike(),
  });
}
