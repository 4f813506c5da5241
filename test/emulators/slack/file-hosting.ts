// Uploaded files behind `url_private`. Slack serves them only to `Authorization: Bearer <token with files:read>`;
// anyone else gets its sign-in page as HTTP 200 HTML. The emulator does the same and records every download so a
// test can assert the bot sent its token (and never followed a URL that was not Slack's).
import type { ServerResponse } from "node:http";
import { sendLoginPage, sendNotFound } from "./api-response.ts";
import { slackDefaults, slackId, unixSeconds } from "./ids.ts";
import type { SlackFile } from "./types.ts";

export type HostFileOptions = {
  /** The id files.getUploadURLExternal gave an upload; a new one by default. */
  id?: string;
  name: string;
  mimetype: string;
  bytes: Uint8Array | string;
  teamId?: string;
  /** The uploader; default the default candidate user. */
  user?: string;
  title?: string;
  /** Slack's short type (`pdf`, `docx`, `m4a`…); default derived from the extension. */
  filetype?: string;
  /** Extra fields merged into the file object, e.g. audio clip metadata. */
  extra?: Record<string, unknown>;
};

export type FileDownload = { fileId: string; authorized: boolean; token: string | undefined; at: number };

type Hosted = { file: SlackFile; teamId: string; bytes: Buffer };

function filetypeOf(name: string, mimetype: string): string {
  const extension = name.includes(".") ? name.split(".").pop()?.toLowerCase() : undefined;
  if (extension) return extension;
  if (mimetype === "text/plain") return "text";
  return "binary";
}

export class FileHost {
  readonly #files = new Map<string, Hosted>();
  readonly downloads: FileDownload[] = [];
  readonly #origin: string;
  readonly #now: () => number;

  constructor(origin: string, now: () => number) {
    this.#origin = origin;
    this.#now = now;
  }

  host(options: HostFileOptions): SlackFile {
    const id = options.id ?? slackId("F", 10);
    const teamId = options.teamId ?? slackDefaults.teamId;
    const bytes = Buffer.from(options.bytes);
    const path = `/files-pri/${teamId}-${id}`;
    const encodedName = encodeURIComponent(options.name);
    const created = unixSeconds(this.#now());
    const filetype = options.filetype ?? filetypeOf(options.name, options.mimetype);
    const file: SlackFile = {
      id,
      created,
      timestamp: created,
      name: options.name,
      title: options.title ?? options.name,
      mimetype: options.mimetype,
      filetype,
      pretty_type: filetype.toUpperCase(),
      user: options.user ?? slackDefaults.userId,
      user_team: teamId,
      size: bytes.length,
      mode: "hosted",
      is_external: false,
      is_public: false,
      url_private: `${this.#origin}${path}/${encodedName}`,
      url_private_download: `${this.#origin}${path}/download/${encodedName}`,
      permalink: `${this.#origin}/files/${options.user ?? slackDefaults.userId}/${id}/${encodedName}`,
      ...options.extra,
    };
    this.#files.set(id, { file, teamId, bytes });
    return file;
  }

  /** A hosted file's bytes, for tests to check what the bot uploaded. */
  bytesOf(fileId: string): Buffer | undefined {
    return this.#files.get(fileId)?.bytes;
  }

  /** files.info sees only the caller's team's files. */
  find(fileId: string, teamId: string): SlackFile | undefined {
    const hosted = this.#files.get(fileId);
    return hosted && hosted.teamId === teamId ? hosted.file : undefined;
  }

  /**
   * Answers `GET /files-pri/<team>-<file>/[download/]<name>`: the bytes for a bearer token of the file's team,
   * otherwise the sign-in page (unknown files included, as for a signed-out browser); 404 only for a valid token
   * asking for a file that does not exist.
   */
  serve(
    path: string,
    token: string | undefined,
    tokenTeam: string | undefined,
    response: ServerResponse,
  ): void {
    // The file id is after the last "-": team ids chosen by tests may contain dashes, file ids never do.
    const match = path.match(/^\/files-pri\/([^/]+)-([^/-]+)\/(download\/)?[^/]+$/);
    const hosted = match?.[2] ? this.#files.get(match[2]) : undefined;
    const authorized = hosted !== undefined && tokenTeam === hosted.teamId;
    if (hosted) this.downloads.push({ fileId: hosted.file.id, authorized, token, at: this.#now() });
    if (!hosted || !authorized) {
      if (tokenTeam && !hosted) sendNotFound(response);
      else sendLoginPage(response);
      return;
    }
    const headers: Record<string, string> = {
      "content-type": hosted.file.mimetype,
      "content-length": String(hosted.bytes.length),
    };
    if (match?.[3])
      headers["content-disposition"] = `attachment; filename="${encodeURIComponent(hosted.file.name)}"`;
    response.writeHead(200, headers);
    response.end(hosted.bytes);
  }
}
