import { userInfo } from "node:os";

/**
 * Who is at the keyboard when no --name is given: the account's user name, or "candidate" where
 * the system has none (a container running as a bare uid). Every terminal command uses it, so
 * `practice`, `log`, `progress`, `stories` and `privacy` all find the same member.
 */
export function terminalUserName(): string {
  try {
    return userInfo().username || "candidate";
  } catch {
    return "candidate";
  }
}

/** A name as part of a file name: letters, digits, "-" and "_" only. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "candidate";
}
