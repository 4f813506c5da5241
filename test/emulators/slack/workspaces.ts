// Teams, their bot tokens, channels and users. Slack scopes everything by the token's team: a valid token from
// another workspace still gets `channel_not_found` for this team's channels, and a revoked token `token_revoked`.
import { slackDefaults, slackId, unixSeconds } from "./ids.ts";
import { defaultBotScopes } from "./oauth-codes.ts";
import type { Channel, User, Usergroup, Workspace } from "./types.ts";

export type WorkspaceOptions = {
  teamId: string;
  botToken: string;
  teamName?: string;
  domain?: string;
  appId?: string;
  botId?: string;
  botUserId?: string;
  botName?: string;
  /** The token's scopes, comma-separated as Slack writes them; `defaultBotScopes` when unset. */
  scopes?: string;
};

export type ChannelOptions = {
  id: string;
  name: string;
  teamId?: string;
  isPrivate?: boolean;
  /** False makes chat.postMessage answer `not_in_channel`. Default true. */
  isMember?: boolean;
};

export type UserOptions = {
  id: string;
  name: string;
  teamId?: string;
  realName?: string;
  isBot?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
};

export type UsergroupOptions = {
  id: string;
  handle: string;
  /** Member user ids; change them later with `setUsergroupMembers`. */
  users?: string[];
  teamId?: string;
};

export type TokenCheck =
  | { workspace: Workspace }
  | { error: "not_authed" | "invalid_auth" | "token_revoked" };

export class WorkspaceRegistry {
  readonly #workspaces = new Map<string, Workspace>();
  readonly #teamByToken = new Map<string, string>();
  readonly #scopesByToken = new Map<string, ReadonlySet<string>>();
  readonly #revoked = new Set<string>();

  constructor() {
    this.add({ teamId: slackDefaults.teamId, botToken: slackDefaults.botToken });
    this.addChannel({ id: slackDefaults.channelId, name: slackDefaults.channelName });
    this.addChannel({
      id: slackDefaults.notJoinedChannelId,
      name: slackDefaults.notJoinedChannelName,
      isMember: false,
    });
    this.addUser({ id: slackDefaults.userId, name: slackDefaults.userName, realName: "Casey Candidate" });
  }

  /** Registers a team with its bot token, or adds another valid token to a known team. */
  add(options: WorkspaceOptions): Workspace {
    let workspace = this.#workspaces.get(options.teamId);
    if (!workspace) {
      const isDefault = options.teamId === slackDefaults.teamId;
      workspace = {
        teamId: options.teamId,
        teamName: options.teamName ?? (isDefault ? slackDefaults.teamName : `Team ${options.teamId}`),
        domain: options.domain ?? (isDefault ? slackDefaults.teamDomain : options.teamId.toLowerCase()),
        appId: options.appId ?? slackDefaults.appId,
        botId: options.botId ?? (isDefault ? slackDefaults.botId : slackId("B")),
        botUserId: options.botUserId ?? (isDefault ? slackDefaults.botUserId : slackId("U")),
        botName: options.botName ?? slackDefaults.botName,
        channels: new Map(),
        users: new Map(),
        usergroups: new Map(),
      };
      this.#workspaces.set(options.teamId, workspace);
      workspace.users.set(workspace.botUserId, {
        id: workspace.botUserId,
        name: workspace.botName,
        realName: "SecondRound",
        isBot: true,
        isAdmin: false,
        isOwner: false,
      });
    }
    this.#teamByToken.set(options.botToken, options.teamId);
    this.#scopesByToken.set(options.botToken, new Set((options.scopes ?? defaultBotScopes).split(",")));
    this.#revoked.delete(options.botToken);
    return workspace;
  }

  /** What a token was granted; methods that need a scope it lacks answer `missing_scope`. */
  scopes(token: string): ReadonlySet<string> {
    return this.#scopesByToken.get(token) ?? new Set();
  }

  get(teamId: string = slackDefaults.teamId): Workspace {
    const workspace = this.#workspaces.get(teamId);
    if (!workspace) throw new Error(`Slack emulator: no workspace ${teamId}; call addWorkspace() first`);
    return workspace;
  }

  has(teamId: string): boolean {
    return this.#workspaces.has(teamId);
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return { error: "not_authed" };
    if (this.#revoked.has(token)) return { error: "token_revoked" };
    const teamId = this.#teamByToken.get(token);
    return teamId ? { workspace: this.get(teamId) } : { error: "invalid_auth" };
  }

  /** Revokes every token of the team, as apps.uninstall does. */
  revokeTeam(teamId: string): void {
    for (const [token, team] of this.#teamByToken) if (team === teamId) this.#revoked.add(token);
  }

  addChannel(options: ChannelOptions): Channel {
    const channel: Channel = {
      id: options.id,
      name: options.name,
      isPrivate: options.isPrivate ?? false,
      isIm: false,
      isMember: options.isMember ?? true,
      created: unixSeconds(),
    };
    this.get(options.teamId).channels.set(channel.id, channel);
    return channel;
  }

  addUser(options: UserOptions): User {
    const user: User = {
      id: options.id,
      name: options.name,
      realName: options.realName ?? options.name,
      isBot: options.isBot ?? false,
      isAdmin: options.isAdmin ?? false,
      isOwner: options.isOwner ?? false,
    };
    this.get(options.teamId).users.set(user.id, user);
    return user;
  }

  addUsergroup(options: UsergroupOptions): Usergroup {
    const group: Usergroup = { id: options.id, handle: options.handle, users: [...(options.users ?? [])] };
    this.get(options.teamId).usergroups.set(group.id, group);
    return group;
  }

  /** Replaces a group's members, as an admin editing it in Slack would. */
  setUsergroupMembers(id: string, users: string[], teamId?: string): void {
    const group = this.get(teamId).usergroups.get(id);
    if (!group) throw new Error(`Slack emulator: no user group ${id}; call addUsergroup() first`);
    group.users = [...users];
  }

  /**
   * Resolves `channel` as chat.postMessage does: a channel id, or a user id meaning "the DM with that user"
   * (opened on first use, id `D…`). Undefined when the team has no such channel or user.
   */
  resolveChannel(workspace: Workspace, channel: string): Channel | undefined {
    const known = workspace.channels.get(channel);
    if (known) return known;
    if (!workspace.users.has(channel)) return undefined;
    const dmId = `D${channel.slice(1)}`;
    const dm = workspace.channels.get(dmId) ?? {
      id: dmId,
      name: dmId,
      isPrivate: true,
      isIm: true,
      isMember: true,
      user: channel,
      created: unixSeconds(),
    };
    workspace.channels.set(dmId, dm);
    return dm;
  }
}
