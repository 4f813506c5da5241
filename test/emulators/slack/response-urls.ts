// `response_url`s: Bolt's `respond()` POSTs JSON there with the global fetch and no auth. Slack's live ones are
// hooks.slack.com URLs; the emulator issues loopback ones so a bot's replies are recorded instead of sent.
// (Slack allows 5 uses within 30 min; those limits are not enforced here.)
import { randomBytes } from "node:crypto";

export type ResponseUrlPost = { url: string; body: unknown; at: number };

export class ResponseUrls {
  readonly posts: ResponseUrlPost[] = [];
  readonly #issued = new Set<string>();
  readonly #origin: string;
  readonly #now: () => number;

  constructor(origin: string, now: () => number) {
    this.#origin = origin;
    this.#now = now;
  }

  issue(): string {
    const url = `${this.#origin}/response-urls/${randomBytes(12).toString("hex")}`;
    this.#issued.add(url);
    return url;
  }

  /** False for a URL the emulator never issued; the server then answers 404. */
  accept(url: string, raw: string): boolean {
    if (!this.#issued.has(url)) return false;
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // Kept as text: the test will see what was actually sent.
    }
    this.posts.push({ url, body, at: this.#now() });
    return true;
  }
}
