import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { AttachmentId, type AttachmentRef } from '../core/schemas.js';
import { AppError, NotFoundError } from '../errors.js';
import type { BlobStorage } from './storage.js';

/** What players and agents may send: pictures and PDFs, recognised by their bytes, never by their names. */
const ALLOWED: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

export class UnsupportedFileError extends AppError {
  constructor(found: string | undefined) {
    super('unsupported_type', `Only pictures (PNG, JPEG, GIF, WebP) and PDF files can be sent; this file is ${found ? `${found} by its content` : 'of no type we recognise'}, whatever its name says.`, 415);
  }
}

export class FileTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB (ATTACHMENT_MAX_BYTES); send a smaller one.`, 413);
  }
}

/** An attachment as stored: what a message shows (`AttachmentRef`), its checksum, whose conversation it belongs to, who sent it. */
export const StoredAttachment = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.coerce.number().int(),
  sha256: z.string(),
  conversationKey: z.string(),
  from: z.enum(['player', 'agent']),
  createdAt: z.string(),
});
export type StoredAttachment = z.infer<typeof StoredAttachment>;

/** A file name fit to show and to put in a header: no folders, no control characters, the extension of what it really is. */
function safeName(name: string | undefined, ext: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\p{Cc}"]/gu, '').trim().slice(0, 100);
  const stem = base.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${ext}`;
}

/** A file as a channel sends it on. */
export interface OutgoingFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export const attachmentRef = ({ id, name, contentType, size, sha256 }: StoredAttachment): AttachmentRef => ({ id, name, contentType, size, sha256 });

/**
 * Files players and agents send (SPEC §8.4): checked by content, stored through one storage
 * interface, described in Redis (name, type, size, SHA-256, the conversation it belongs to), and
 * read back only by someone of that conversation.
 */
export class Attachments {
  constructor(
    private readonly deps: {
      redis: Redis;
      storage: BlobStorage;
      key: (id: string) => string;
      maxBytes: number;
    },
  ) {}

  get maxBytes(): number {
    return this.deps.maxBytes;
  }

  async accept(input: { bytes: Buffer; name?: string; conversationKey: string; from: 'player' | 'agent' }): Promise<StoredAttachment> {
    if (input.bytes.length > this.deps.maxBytes) throw new FileTooLargeError(this.deps.maxBytes);
    const type = await fileTypeFromBuffer(input.bytes);
    const ext = type ? ALLOWED[type.mime] : undefined;
    if (!type || !ext) throw new UnsupportedFileError(type?.mime);
    const stored: StoredAttachment = {
      id: randomBytes(12).toString('base64url'),
      name: safeName(input.name, ext),
      contentType: type.mime,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      conversationKey: input.conversationKey,
      from: input.from,
      createdAt: new Date().toISOString(),
    };
    await this.deps.storage.put(stored.id, input.bytes);
    await this.deps.redis.hset(this.deps.key(stored.id), { ...stored, size: String(stored.size) });
    return stored;
  }

  async get(id: string): Promise<StoredAttachment | undefined> {
    if (!AttachmentId.safeParse(id).success) return undefined;
    const fields = await this.deps.redis.hgetall(this.deps.key(id));
    const parsed = StoredAttachment.safeParse(fields);
    return parsed.success ? parsed.data : undefined;
  }

  /** The attachments of one conversation, by id; anything else (another chat's file, an unknown id) is not found, the same way. */
  async ofConversation(ids: string[], conversationKey: string): Promise<StoredAttachment[]> {
    return Promise.all(
      ids.map(async (id) => {
        const found = await this.get(id);
        if (!found || found.conversationKey !== conversationKey) throw new NotFoundError(`No attachment ${id} in this conversation: upload it first.`, 'attachment_not_found');
        return found;
      }),
    );
  }

  /** Deletes a file and its description (a data-protection erasure). */
  async remove(id: string): Promise<void> {
    if (!AttachmentId.safeParse(id).success) return;
    await this.deps.storage.delete(id);
    await this.deps.redis.del(this.deps.key(id));
  }

  /** A file's bytes with its name and type, for a channel to send on (undefined when it is gone). */
  async read(id: string): Promise<OutgoingFile | undefined> {
    const found = await this.withBytes(id);
    return found && { name: found.stored.name, contentType: found.stored.contentType, bytes: found.bytes };
  }

  /**
   * Keeps a file that came in with a message (a messenger's, an e-mail's), or says why not through
   * `onRefused` (its type, its size, the store failing): the message then goes on without it.
   */
  async keep(input: Parameters<Attachments['accept']>[0], onRefused: (reason: string) => void): Promise<AttachmentRef | undefined> {
    try {
      return attachmentRef(await this.accept(input));
    } catch (error) {
      onRefused(error instanceof AppError ? error.code : error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  /** The file's description and bytes, when both are there. */
  private async withBytes(id: string): Promise<{ stored: StoredAttachment; bytes: Buffer } | undefined> {
    const stored = await this.get(id);
    const bytes = stored && (await this.deps.storage.get(stored.id));
    return stored && bytes ? { stored, bytes } : undefined;
  }

  /**
   * Sends the file with headers that keep it inert: its real type, no sniffing, a sandbox, and a
   * download for anything that is not a picture. `conversationKey`: the player's, who may read only
   * their own chat's files; undefined for an agent.
   */
  async send(reply: FastifyReply, id: string, conversationKey?: string): Promise<FastifyReply> {
    const file = await this.withBytes(id);
    if (!file || (conversationKey !== undefined && file.stored.conversationKey !== conversationKey)) throw new NotFoundError(`No attachment ${id}.`, 'attachment_not_found');
    const { stored: found, bytes } = file;
    const disposition = found.contentType.startsWith('image/') ? 'inline' : 'attachment';
    return reply
      .type(found.contentType)
      .header('content-disposition', `${disposition}; filename="${found.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600')
      .send(bytes);
  }
}
