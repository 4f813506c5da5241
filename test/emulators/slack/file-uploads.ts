// Slack's external upload flow (files.getUploadURLExternal → POST the bytes to upload_url → files.completeUploadExternal),
// which @slack/web-api's files.uploadV2 drives. An upload URL takes bytes once; the file exists (and is shared) only
// once the upload is completed, by the team that began it.
import type { IncomingMessage } from "node:http";
import { readBody } from "./api-request.ts";
import { slackId } from "./ids.ts";

export type PendingUpload = {
  fileId: string;
  teamId: string;
  filename: string;
  length: number;
  altText: string | undefined;
  bytes: Buffer | undefined;
};

export class FileUploads {
  readonly #pending = new Map<string, PendingUpload>();
  readonly #origin: string;

  constructor(origin: string) {
    this.#origin = origin;
  }

  begin(teamId: string, filename: string, length: number, altText: string | undefined) {
    const fileId = slackId("F", 10);
    this.#pending.set(fileId, { fileId, teamId, filename, length, altText, bytes: undefined });
    return { file_id: fileId, upload_url: `${this.#origin}/upload/v1/${fileId}` };
  }

  /**
   * `POST /upload/v1/<file>`: the raw bytes, or a multipart form whose file part holds them (web-api sends the
   * latter). False for an unknown or already used URL.
   */
  async receive(path: string, request: IncomingMessage): Promise<number | false> {
    const upload = this.#pending.get(path.slice("/upload/v1/".length));
    if (!upload || upload.bytes) return false;
    const raw = await readBody(request);
    const contentType = request.headers["content-type"] ?? "";
    if (contentType.startsWith("multipart/form-data")) {
      const form = await new Request("http://emulator.invalid/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: raw,
      }).formData();
      const part = [...form.values()].find((value) => typeof value !== "string");
      if (!part || typeof part === "string") return false;
      upload.bytes = Buffer.from(await part.arrayBuffer());
    } else {
      upload.bytes = raw;
    }
    return upload.bytes.length;
  }

  /** The uploaded file for completion, once: undefined when unknown, another team's or never uploaded. */
  complete(fileId: string, teamId: string): PendingUpload | undefined {
    const upload = this.#pending.get(fileId);
    if (!upload || upload.teamId !== teamId || !upload.bytes) return undefined;
    this.#pending.delete(fileId);
    return upload;
  }
}
