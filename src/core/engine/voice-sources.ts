import type { VoiceSource } from "../ports/transcriber.ts";

/**
 * Where each platform's clips are fetched from, chosen by the community's scope ("discord:…",
 * "slack:…", "terminal"). Transports register theirs as they start; a clip whose platform has no
 * source in this process (a worker without that platform's settings) is unavailable, and the
 * candidate is told to record it again or type.
 */
export class VoiceSources implements VoiceSource {
  readonly #byPlatform = new Map<string, VoiceSource>();

  register(platform: string, source: VoiceSource): void {
    this.#byPlatform.set(platform, source);
  }

  has(platform: string): boolean {
    return this.#byPlatform.has(platform);
  }

  download(scope: string, clip: { source: string; size: number }): ReturnType<VoiceSource["download"]> {
    const platform = scope.split(":")[0] ?? scope;
    const source = this.#byPlatform.get(platform);
    if (!source) return Promise.resolve({ ok: false, problem: "unavailable" });
    return source.download(scope, clip);
  }
}
