import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where attachment bytes live: one interface, local disk by default (an S3-compatible bucket can stand in). */
export interface BlobStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or undefined when there are none under the key. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

/** Keys are our own ids: nothing that could climb out of the folder. */
const SAFE_KEY = /^[A-Za-z0-9_-]{8,64}$/;

function checked(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

/** Files under one folder (`DATA_DIR/attachments`), written whole or not at all (a temporary file renamed). */
export class LocalDiskStorage implements BlobStorage {
  constructor(private readonly dir: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, checked(key));
    await writeFile(`${path}.part`, bytes, { mode: 0o600 });
    await rename(`${path}.part`, path);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.dir, checked(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.dir, checked(key)), { force: true });
  }
}

/** Files kept in this process only, for `DATA_DIR=memory://` (where the embedded database is in memory too). */
export class MemoryStorage implements BlobStorage {
  private readonly files = new Map<string, Buffer>();

  async put(key: string, bytes: Buffer): Promise<void> {
    this.files.set(checked(key), bytes);
  }

  async get(key: string): Promise<Buffer | undefined> {
    return this.files.get(checked(key));
  }

  async delete(key: string): Promise<void> {
    this.files.delete(checked(key));
  }
}
