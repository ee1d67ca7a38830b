import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { Attachments } from './attachments.js';
import { LocalDiskStorage, MemoryStorage } from './storage.js';

export { Attachments, attachmentRef, FileTooLargeError, type OutgoingFile, type StoredAttachment, UnsupportedFileError } from './attachments.js';
export { acceptUploads, readUpload } from './upload.js';

/** The attachment store of the configuration: files under `DATA_DIR/attachments` (in memory for `memory://`), described in Redis. */
export function createAttachments({ config, redis }: { config: Config; redis: Redis }): Attachments {
  return new Attachments({
    redis,
    storage: config.DATA_DIR.startsWith('memory://') ? new MemoryStorage() : new LocalDiskStorage(join(config.DATA_DIR, 'attachments')),
    key: (id) => `${config.REDIS_PREFIX}attachment:${id}`,
    maxBytes: config.ATTACHMENT_MAX_BYTES,
  });
}
