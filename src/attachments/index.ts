import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { Attachments } from './attachments.js';
import { type BlobStorage, LocalDiskStorage, MemoryStorage } from './storage.js';

export { Attachments, attachmentRef, FileTooLargeError, type OutgoingFile, type StoredAttachment, UnsupportedFileError } from './attachments.js';
export { acceptUploads, readUpload } from './upload.js';

/** Where files are kept: an S3-compatible bucket when `S3_BUCKET` is set (the SDK loads only then), else `DATA_DIR/attachments` (memory for `memory://`). */
async function storageOf(config: Config): Promise<BlobStorage> {
  if (config.S3_BUCKET) {
    const { S3Storage } = await import('./s3-storage.js');
    const credentials = config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined;
    return new S3Storage({ bucket: config.S3_BUCKET, prefix: config.S3_PREFIX, region: config.S3_REGION, endpoint: config.S3_ENDPOINT, forcePathStyle: config.S3_FORCE_PATH_STYLE, credentials });
  }
  return config.DATA_DIR.startsWith('memory://') ? new MemoryStorage() : new LocalDiskStorage(join(config.DATA_DIR, 'attachments'));
}

/** The attachment store of the configuration, described in Redis. */
export async function createAttachments({ config, redis }: { config: Config; redis: Redis }): Promise<Attachments> {
  return new Attachments({
    redis,
    storage: await storageOf(config),
    key: (id) => `${config.REDIS_PREFIX}attachment:${id}`,
    maxBytes: config.ATTACHMENT_MAX_BYTES,
  });
}
