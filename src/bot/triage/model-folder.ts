import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { SavedWeights } from './training.js';

/**
 * Trained triage classifiers kept on disk (`DATA_DIR/models`), so a restart reads the weights back
 * in a fraction of a second instead of training for several seconds again. A file is named after
 * what the model learnt from and the code that trained it: an edited example or article, or any
 * change to the gateway's code, names another file, and a stale model is never read. Only the
 * latest file is kept.
 */
export class TriageModelFolder {
  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    /** What identifies the code that trains; by default a hash of the gateway's own source or build. */
    private readonly codeVersion: string = gatewayCodeVersion(),
  ) {}

  /** The weights saved for this content, or undefined (none yet, or unreadable: the caller trains). */
  load(contentKey: string): SavedWeights | undefined {
    const file = this.fileFor(contentKey);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    const saved = decode(bytes);
    if (!saved) this.logger.warn({ file }, 'a saved triage classifier could not be read; training a new one');
    return saved;
  }

  /** Keeps these weights as the model of this content, in place of any older one; a failure only costs the next start its time. */
  save(contentKey: string, saved: SavedWeights): void {
    const file = this.fileFor(contentKey);
    try {
      mkdirSync(this.dir, { recursive: true });
      // Written aside and renamed: a replica starting at the same moment reads a whole file or none.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, encode(saved));
      renameSync(partial, file);
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(PREFIX) && join(this.dir, name) !== file && !name.endsWith('.partial')) rmSync(join(this.dir, name), { force: true });
      }
    } catch (error) {
      this.logger.warn({ err: error, dir: this.dir }, 'the trained triage classifier could not be saved; the next start trains again');
    }
  }

  private fileFor(contentKey: string): string {
    const name = createHash('sha256').update(`${FORMAT}\n${this.codeVersion}\n${contentKey}`).digest('hex').slice(0, 32);
    return join(this.dir, `${PREFIX}${name}.bin`);
  }
}

const PREFIX = 'triage-';
const FORMAT = 'pitboss-triage-1';

/** A header line (JSON), then the features (uint32) and the weights (float32), little-endian. */
function encode({ features, weights, labels, intercept }: SavedWeights): Buffer {
  const header = Buffer.from(`${JSON.stringify({ format: FORMAT, features: features.length, labels, intercept })}\n`);
  const body = Buffer.alloc(features.length * 4 + weights.length * 4);
  for (let i = 0; i < features.length; i++) body.writeUInt32LE(features[i]!, i * 4);
  const offset = features.length * 4;
  for (let i = 0; i < weights.length; i++) body.writeFloatLE(weights[i]!, offset + i * 4);
  return Buffer.concat([header, body]);
}

function decode(bytes: Buffer): SavedWeights | undefined {
  const end = bytes.indexOf(0x0a);
  if (end < 0) return undefined;
  let header: { format?: unknown; features?: unknown; labels?: unknown; intercept?: unknown };
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  } catch {
    return undefined;
  }
  const { format, features: count, labels, intercept } = header;
  if (format !== FORMAT || !Number.isInteger(count) || !Number.isInteger(labels) || typeof intercept !== 'number') return undefined;
  const n = count as number;
  const k = labels as number;
  const body = bytes.subarray(end + 1);
  if (body.length !== n * 4 + n * k * 4) return undefined;
  const features = new Uint32Array(n);
  for (let i = 0; i < n; i++) features[i] = body.readUInt32LE(i * 4);
  const weights = new Float32Array(n * k);
  for (let i = 0; i < weights.length; i++) weights[i] = body.readFloatLE(n * 4 + i * 4);
  return { features, weights, labels: k, intercept };
}

/**
 * A hash of every script file of the gateway (`src/` run through tsx, or the built `dist/`), read
 * once per process: training code can change without the examples changing.
 */
function gatewayCodeVersion(): string {
  codeVersion ??= hashScripts(fileURLToPath(new URL('../../', import.meta.url)));
  return codeVersion;
}
let codeVersion: string | undefined;

function hashScripts(root: string): string {
  const hash = createHash('sha256');
  const files = (readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((entry) => entry.isFile() && ['.ts', '.js'].includes(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(`${file.slice(root.length)}\n`).update(readFileSync(file));
  return hash.digest('hex');
}
