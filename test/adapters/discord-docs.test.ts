import { readFileSync } from "node:fs";
import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";

describe("docs/discord.md", () => {
  const guide = readFileSync(new URL("../../docs/discord.md", import.meta.url), "utf8");

  it("documents a permissions integer equal to the permissions it lists", () => {
    const listed = [
      PermissionFlagsBits.ViewChannel,
      PermissionFlagsBits.SendMessages,
      PermissionFlagsBits.CreatePrivateThreads,
      PermissionFlagsBits.CreatePublicThreads,
      PermissionFlagsBits.SendMessagesInThreads,
      PermissionFlagsBits.ManageThreads,
      PermissionFlagsBits.EmbedLinks,
      PermissionFlagsBits.ReadMessageHistory,
    ].reduce((sum, flag) => sum | flag, 0n);
    const documented = /Permissions integer: \*\*(\d+)\*\*/.exec(guide)?.[1];
    expect(documented).toBe(listed.toString());
    expect(guide).toContain(`permissions=${listed}`);
  });
});
