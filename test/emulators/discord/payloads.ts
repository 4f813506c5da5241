// Wire objects built from the world's state: users, members, channels, threads, the guild and messages, in the shapes
// discord.js 14 reads (unguarded reads noted where a missing field would crash it).
import { EVERYONE_PERMISSIONS, overwriteToApi } from "./permissions.ts";
import type { RecordedMessage } from "./types.ts";
import type { ChannelState, UserState, World } from "./world.ts";

export function userObject(user: UserState): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    // New usernames have no discriminator; "0" is what Discord sends for them.
    discriminator: "0",
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

/** Guild member without `user` (as nested in MESSAGE_CREATE), see `memberObject` for the full form. */
export function partialMemberObject(world: World, user: UserState): Record<string, unknown> {
  return {
    nick: null,
    avatar: null,
    roles: user.bot ? [world.botRoleId] : [...(user.roles ?? [])],
    joined_at: user.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
  };
}

export function memberObject(world: World, user: UserState): Record<string, unknown> {
  return { user: userObject(user), ...partialMemberObject(world, user) };
}

export function threadMemberObject(
  threadId: string,
  userId: string,
  joinedAt: string,
): Record<string, unknown> {
  return { id: threadId, user_id: userId, join_timestamp: joinedAt, flags: 0 };
}

export function channelObject(channel: ChannelState): Record<string, unknown> {
  const base = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
    flags: 0,
  };
  if (!channel.thread) {
    return {
      ...base,
      position: channel.position,
      permission_overwrites: channel.overwrites.map(overwriteToApi),
      parent_id: null,
      topic: channel.topic,
      nsfw: false,
      default_auto_archive_duration: 4320,
    };
  }
  const thread = channel.thread;
  return {
    ...base,
    parent_id: channel.parentId,
    owner_id: thread.ownerId,
    message_count: channel.messageCount,
    total_message_sent: channel.messageCount,
    member_count: Math.min(thread.members.size, 50),
    // ThreadChannel reads thread_metadata unguarded (ThreadChannel.js:87-119).
    thread_metadata: {
      archived: thread.archived,
      auto_archive_duration: thread.autoArchiveDuration,
      archive_timestamp: thread.archiveTimestamp,
      locked: thread.locked,
      create_timestamp: thread.createTimestamp,
      ...(channel.type === 12 ? { invitable: thread.invitable } : {}),
    },
  };
}

export function roleObjects(world: World): Record<string, unknown>[] {
  const role = (id: string, name: string, permissions: bigint, position: number, managed: boolean) => ({
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed,
    mentionable: false,
    flags: 0,
    ...(managed ? { tags: { bot_id: world.botUserId } } : {}),
  });
  // @everyone's id is the guild id.
  return [
    role(world.guildId, "@everyone", EVERYONE_PERMISSIONS, 0, false),
    role(world.botRoleId, "SecondRound", 0n, 1, true),
    ...world.roles.map((added, index) => role(added.id, added.name, 0n, 2 + index, false)),
  ];
}

/** The guild without its collections (REST GET /guilds/{id}); `guildCreateObject` adds channels, members etc. */
export function guildObject(world: World): Record<string, unknown> {
  return {
    id: world.guildId,
    name: world.guildName,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: world.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: world.defaultChannelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: "en-US",
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    roles: roleObjects(world),
    emojis: [],
    stickers: [],
  };
}

export function guildCreateObject(world: World): Record<string, unknown> {
  const live = [...world.channels.values()].filter((c) => !c.deleted);
  return {
    ...guildObject(world),
    joined_at: world.bot.joinedAt,
    large: false,
    unavailable: false,
    member_count: world.users.size,
    channels: live.filter((c) => !c.thread).map(channelObject),
    // Only active threads the bot may see, as Discord sends them.
    threads: live.filter((c) => c.thread && !c.thread.archived && world.botSeesThread(c)).map(channelObject),
    members: [...world.users.values()].map((u) => memberObject(world, u)),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

const MENTION = /<@!?(\d{15,25})>/g;

/** Users mentioned as `<@id>` in the content, as Discord resolves them into `mentions`. */
export function mentionedUsers(world: World, content: string): UserState[] {
  const users: UserState[] = [];
  for (const match of content.matchAll(MENTION)) {
    const user = match[1] ? world.users.get(match[1]) : undefined;
    if (user && !users.includes(user)) users.push(user);
  }
  return users;
}

/** The message object of REST responses. */
export function messageObject(world: World, message: RecordedMessage): Record<string, unknown> {
  const author = world.users.get(message.author.id);
  const started = world.channels.get(message.id);
  const startedThread = started?.parentId === message.channelId && !started.deleted ? started : undefined;
  return {
    id: message.id,
    type: message.type,
    channel_id: message.channelId,
    author: author ? userObject(author) : message.author,
    content: message.content,
    timestamp: new Date(message.createdAt).toISOString(),
    edited_timestamp: message.editedAt === null ? null : new Date(message.editedAt).toISOString(),
    tts: message.tts,
    mention_everyone: false,
    mentions: mentionedUsers(world, message.content).map(userObject),
    mention_roles: [],
    attachments: message.attachments,
    embeds: message.embeds,
    components: message.components,
    pinned: false,
    flags: message.flags,
    ...(message.nonce !== null ? { nonce: message.nonce } : {}),
    ...(message.messageReference ? { message_reference: message.messageReference } : {}),
    ...(message.source === "interaction" ? interactionFields(world, message) : {}),
    // A thread started from this message shares its id (HAS_THREAD flag 32 + `thread`).
    ...(startedThread ? { thread: channelObject(startedThread), flags: message.flags | 32 } : {}),
  };
}

function interactionFields(world: World, message: RecordedMessage): Record<string, unknown> {
  const meta = message.interactionId ? world.interactionMetadata.get(message.interactionId) : undefined;
  const user = meta ? world.users.get(meta.userId) : undefined;
  return {
    webhook_id: world.applicationId,
    application_id: world.applicationId,
    ...(meta && user
      ? {
          interaction_metadata: {
            id: message.interactionId,
            type: meta.type,
            user: userObject(user),
            authorizing_integration_owners: { "0": world.guildId },
            ...(meta.name ? { name: meta.name } : {}),
          },
        }
      : {}),
  };
}

/** MESSAGE_CREATE / MESSAGE_UPDATE data: the message plus guild_id, partial member and members on mentions. */
export function gatewayMessageObject(world: World, message: RecordedMessage): Record<string, unknown> {
  const author = world.users.get(message.author.id);
  const channel = world.channels.get(message.channelId);
  return {
    ...messageObject(world, message),
    guild_id: message.guildId,
    ...(author ? { member: partialMemberObject(world, author) } : {}),
    mentions: mentionedUsers(world, message.content).map((u) => ({
      ...userObject(u),
      member: partialMemberObject(world, u),
    })),
    ...(channel ? { channel_type: channel.type } : {}),
  };
}
