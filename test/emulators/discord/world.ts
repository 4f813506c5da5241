// The emulated Discord's state: one guild with its users, channels, threads and messages. Routes and actors read and
// change it; payload builders turn it into wire objects. Ids are real snowflakes from one minter.
import { unknownChannel, unknownMessage, unknownUser } from "./errors.ts";
import { EVERYONE_PERMISSIONS, effectivePermissions, type Overwrite, Permission } from "./permissions.ts";
import { SnowflakeMinter } from "./snowflake.ts";
import type { RecordedMessage, ThreadRecord } from "./types.ts";

export type UserState = {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  joinedAt: string;
  /** Roles given with giveRole (besides @everyone). */
  roles?: string[];
};

export type ThreadState = {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  invitable: boolean;
  autoArchiveDuration: number;
  archiveTimestamp: string;
  createTimestamp: string;
  /** userId → join timestamp (ISO). */
  members: Map<string, string>;
};

export type ChannelState = {
  id: string;
  /** 0 GUILD_TEXT, 11 PUBLIC_THREAD, 12 PRIVATE_THREAD. */
  type: 0 | 11 | 12;
  name: string;
  guildId: string;
  parentId: string | null;
  position: number;
  topic: string | null;
  overwrites: Overwrite[];
  thread: ThreadState | null;
  deleted: boolean;
  lastMessageId: string | null;
  messageCount: number;
  createdAt: number;
};

export type ThreadChannelState = ChannelState & { thread: ThreadState };

export type RegisteredCommand = Record<string, unknown> & { id: string; name: string; type: number };

export class World {
  readonly ids = new SnowflakeMinter();
  readonly applicationId: string;
  readonly guildId: string;
  readonly guildName = "SecondRound Test Guild";
  readonly botUserId: string;
  /** A managed role Discord gives every bot on join; carries no extra permissions here. */
  readonly botRoleId: string;
  readonly ownerId: string;
  readonly defaultChannelId: string;
  readonly users = new Map<string, UserState>();
  /** Roles added with addRole: no permissions of their own, members hold them by id. */
  readonly roles: { id: string; name: string }[] = [];
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, RecordedMessage>();
  readonly globalCommands: RegisteredCommand[] = [];
  readonly guildCommands: RegisteredCommand[] = [];
  /** What `interaction_metadata` of a response message says about its interaction. */
  readonly interactionMetadata = new Map<string, { type: number; userId: string; name?: string }>();

  constructor() {
    this.applicationId = this.ids.next();
    // A bot user's id equals its application's id on Discord.
    this.botUserId = this.applicationId;
    this.guildId = this.ids.next();
    this.botRoleId = this.ids.next();
    this.users.set(this.botUserId, {
      id: this.botUserId,
      username: "SecondRound",
      globalName: null,
      bot: true,
      joinedAt: new Date().toISOString(),
    });
    this.ownerId = this.addUser("guild-owner").id;
    this.defaultChannelId = this.addTextChannel("interviews").id;
  }

  addUser(username: string): UserState {
    const user: UserState = {
      id: this.ids.next(),
      username,
      globalName: username,
      bot: false,
      joinedAt: new Date().toISOString(),
    };
    this.users.set(user.id, user);
    return user;
  }

  addTextChannel(name: string): ChannelState {
    const channel: ChannelState = {
      id: this.ids.next(),
      type: 0,
      name,
      guildId: this.guildId,
      parentId: null,
      position: [...this.channels.values()].filter((c) => c.type === 0).length,
      topic: null,
      overwrites: [],
      thread: null,
      deleted: false,
      lastMessageId: null,
      messageCount: 0,
      createdAt: Date.now(),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  addThread(
    parent: ChannelState,
    input: { name: string; type: 11 | 12; ownerId: string; id?: string },
  ): ThreadChannelState {
    const now = new Date().toISOString();
    const thread: ThreadChannelState = {
      id: input.id ?? this.ids.next(),
      type: input.type,
      name: input.name,
      guildId: this.guildId,
      parentId: parent.id,
      position: 0,
      topic: null,
      overwrites: [],
      thread: {
        ownerId: input.ownerId,
        archived: false,
        locked: false,
        invitable: true,
        autoArchiveDuration: 4320,
        archiveTimestamp: now,
        createTimestamp: now,
        members: new Map([[input.ownerId, now]]),
      },
      deleted: false,
      lastMessageId: null,
      messageCount: 0,
      createdAt: Date.now(),
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  /** The live channel, or Discord's 404 10003 for ids that never existed or were deleted. */
  channel(id: string): ChannelState {
    const channel = this.channels.get(id);
    if (!channel) throw unknownChannel(`no channel ${id}`);
    if (channel.deleted) throw unknownChannel(`channel ${id} was deleted`);
    return channel;
  }

  thread(id: string): ThreadChannelState {
    const channel = this.channel(id);
    if (!channel.thread) throw unknownChannel(`channel ${id} is not a thread`);
    return channel as ThreadChannelState;
  }

  user(id: string): UserState {
    const user = this.users.get(id);
    if (!user) throw unknownUser();
    return user;
  }

  get bot(): UserState {
    return this.user(this.botUserId);
  }

  message(channelId: string, messageId: string): RecordedMessage {
    const message = this.messages.get(messageId);
    if (!message || message.deleted || message.channelId !== channelId) throw unknownMessage();
    return message;
  }

  messagesIn(channelId: string): RecordedMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted);
  }

  /** Permissions of `userId` in a channel; threads use their parent's overwrites, as on Discord. */
  permissionsIn(userId: string, channel: ChannelState): bigint {
    // The owner manages the server (Manage Server), as every guild owner does.
    if (userId === this.ownerId)
      return (
        EVERYONE_PERMISSIONS |
        Permission.MANAGE_THREADS |
        Permission.MANAGE_MESSAGES |
        Permission.MANAGE_GUILD
      );
    const source = channel.parentId ? this.channels.get(channel.parentId) : channel;
    return effectivePermissions(EVERYONE_PERMISSIONS, this.guildId, userId, source?.overwrites ?? []);
  }

  botCan(channel: ChannelState, permission: bigint): boolean {
    return (this.permissionsIn(this.botUserId, channel) & permission) === permission;
  }

  /** Threads the bot can see: public ones, private ones it joined (it has no MANAGE_THREADS by default). */
  botSeesThread(channel: ChannelState): boolean {
    if (!channel.thread) return true;
    return (
      channel.type === 11 ||
      channel.thread.members.has(this.botUserId) ||
      this.botCan(channel, Permission.MANAGE_THREADS)
    );
  }

  threadRecords(): ThreadRecord[] {
    const records: ThreadRecord[] = [];
    for (const channel of this.channels.values()) {
      if (!channel.thread || channel.type === 0 || !channel.parentId) continue;
      records.push({
        id: channel.id,
        parentId: channel.parentId,
        name: channel.name,
        type: channel.type,
        ownerId: channel.thread.ownerId,
        members: [...channel.thread.members.keys()],
        archived: channel.thread.archived,
        locked: channel.thread.locked,
        invitable: channel.thread.invitable,
        autoArchiveDuration: channel.thread.autoArchiveDuration,
        deleted: channel.deleted,
        createdAt: channel.createdAt,
      });
    }
    return records;
  }
}
