import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ConfigError } from "../core/model/errors.ts";

/** First byte of a sealed value; the field codec's own markers are 0x01-0x03, 0x05-0x06 and JSON text. */
export const SEALED = 0x04;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** One encryption key and the id stored with every value it sealed. */
export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * Personal text at rest (answers, drafts, CV and job-description text, reports, queued messages)
 * sealed with AES-256-GCM: `[0x04][id length][id][IV][tag][ciphertext]`. The first key seals;
 * every key opens what it sealed, so a key is rotated by putting a new one first and keeping the
 * old ones until `secondround rotate-key` has re-sealed their values. The associated data binds
 * each value to its place (the conversation and the field), so a value copied elsewhere does not
 * open.
 */
export class FieldCipher {
  readonly #current: EncryptionKey;
  readonly #keys: ReadonlyMap<string, Buffer>;

  constructor(keys: readonly EncryptionKey[]) {
    const [current] = keys;
    if (!current) throw new ConfigError("An encryption keyring needs at least one key.");
    this.#current = current;
    this.#keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  /** The id new values are sealed with. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  get keyIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  seal(plain: string | Buffer, place: string): Buffer {
    const id = Buffer.from(this.#current.id, "utf8");
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#current.key, iv);
    cipher.setAAD(Buffer.from(place, "utf8"));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([SEALED, id.length]), id, iv, cipher.getAuthTag(), body]);
  }

  /**
   * The plain bytes of a sealed value. A value sealed with a key that is not configured, or that
   * fails authentication (altered, or moved from another place), is an error that says which.
   */
  open(sealed: Buffer, place: string): Buffer {
    const id = sealedKeyId(sealed);
    const key = this.#keys.get(id);
    if (!key) throw missingKey(id);
    const start = 2 + Buffer.byteLength(id);
    const iv = sealed.subarray(start, start + IV_BYTES);
    const tag = sealed.subarray(start + IV_BYTES, start + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(place, "utf8"));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(start + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new Error(`a value sealed with key "${id}" failed authentication (altered, or not from here)`);
    }
  }
}

export function isSealed(raw: Buffer): boolean {
  return raw[0] === SEALED;
}

/** The id of the key a sealed value was sealed with. */
export function sealedKeyId(sealed: Buffer): string {
  const length = sealed[1] ?? 0;
  return sealed.subarray(2, 2 + length).toString("utf8");
}

/** Opens `raw` if it is sealed; a sealed value without a keyring is the missing-key error. */
export function openIfSealed(raw: Buffer, place: string, cipher: FieldCipher | undefined): Buffer {
  if (!isSealed(raw)) return raw;
  if (!cipher) throw missingKey(sealedKeyId(raw));
  return cipher.open(raw, place);
}

/** Marks sealed text stored in a text value (base64 after it); JSON never starts with it. */
const SEALED_TEXT = "~";

/** Text for a text-valued place (a list entry, a hash of JSON): sealed with a cipher, else as it is. */
export function sealText(text: string, place: string, cipher: FieldCipher | undefined): string {
  return cipher ? `${SEALED_TEXT}${cipher.seal(text, place).toString("base64")}` : text;
}

/** The text sealText stored; a sealed text without the key is the missing-key ConfigError. */
export function openText(stored: string, place: string, cipher: FieldCipher | undefined): string {
  if (!stored.startsWith(SEALED_TEXT)) return stored;
  return openIfSealed(Buffer.from(stored.slice(SEALED_TEXT.length), "base64"), place, cipher).toString(
    "utf8",
  );
}

/** The id of the key a sealText value was sealed with, or null for plain text. */
export function sealedTextKeyId(stored: string): string | null {
  return stored.startsWith(SEALED_TEXT)
    ? sealedKeyId(Buffer.from(stored.slice(SEALED_TEXT.length), "base64"))
    : null;
}

function missingKey(id: string): ConfigError {
  return new ConfigError(
    `Stored interviews are encrypted with key "${id}", which is not in SECONDROUND_ENCRYPTION_KEYS: add it back (see docs/privacy.md).`,
  );
}
