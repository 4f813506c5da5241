// The CDN: files users "upload" (hostFile) and files the bot sends are served from
// /cdn/attachments/{channel}/{id}/{filename} (and /media/… as proxy_url) on the emulator's port, so a bot can download
// an attachment URL exactly as it would from cdn.discordapp.com. URLs carry `ex`/`is`/`hm` like Discord's signed
// URLs; the emulator does not expire them.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendBytes, sendJson } from "./http-io.ts";
import type { SnowflakeMinter } from "./snowflake.ts";
import type { Attachment } from "./types.ts";

type HostedFile = { attachment: Attachment; bytes: Uint8Array };

export class CdnHost {
  readonly #files = new Map<string, HostedFile>();
  readonly #ids: SnowflakeMinter;
  readonly #origin: () => string;

  constructor(ids: SnowflakeMinter, origin: () => string) {
    this.#ids = ids;
    this.#origin = origin;
  }

  host(
    bytes: Uint8Array,
    filename: string,
    contentType: string,
    channelId: string,
    voice?: { durationSecs: number; waveform: string },
  ): Attachment {
    const id = this.#ids.next();
    const now = Math.floor(Date.now() / 1000);
    const signature = `ex=${(now + 86_400).toString(16)}&is=${now.toString(16)}&hm=${randomBytes(16).toString("hex")}&`;
    const path = `attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    const attachment: Attachment = {
      id,
      filename,
      size: bytes.byteLength,
      url: `${this.#origin()}/cdn/${path}?${signature}`,
      proxy_url: `${this.#origin()}/media/${path}?${signature}`,
      content_type: contentType,
      ...(voice ? { duration_secs: voice.durationSecs, waveform: voice.waveform } : {}),
    };
    this.#files.set(id, { attachment, bytes: new Uint8Array(bytes) });
    return attachment;
  }

  /** The file is no longer served (deleted, or its signed URL expired): the CDN answers 404. */
  forget(id: string): void {
    this.#files.delete(id);
  }

  /** Serves `/cdn/attachments/…` and `/media/attachments/…`; returns false when the path is not a CDN path. */
  serve(pathname: string, response: ServerResponse): boolean {
    const match = /^\/(?:cdn|media)\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(pathname);
    if (!match) return false;
    const file = match[1] ? this.#files.get(match[1]) : undefined;
    if (!file) sendJson(response, 404, { message: "404: Not Found", code: 0 });
    else sendBytes(response, file.bytes, file.attachment.content_type);
    return true;
  }
}
