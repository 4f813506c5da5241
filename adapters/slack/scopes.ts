/**
 * The bot token scopes SecondRound asks for, and nothing more; manifest.json lists the same ones (a
 * test keeps them equal). Why each is needed is in docs/slack.md.
 */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "channels:history",
  "groups:history",
  "im:history",
  "channels:read",
  "groups:read",
  "im:read",
  "files:read",
  "files:write",
  "im:write",
  "users:read",
  "usergroups:read",
] as const;
