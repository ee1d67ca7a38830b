import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The holder touches its lock this often… */
const TOUCH_MS = 3_000;
/** …so a lock untouched this long is left over from a process that died. */
const STALE_MS = 15_000;

/** Another process has the embedded database open: PGlite cannot be shared, and opening it twice corrupts it. */
export class DataDirInUseError extends Error {}

interface Holder {
  pid: number;
  host: string;
}

/**
 * PGlite has no lock of its own: the process that opens the database under `dir` leaves its pid and
 * host in `record.lock` and touches it while it runs. Another process refuses to open the database
 * while that holder is alive (same host: its pid runs; another host, e.g. a container sharing the
 * volume: the file was touched lately). Resolves with the release.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'record.lock');
  const mine: Holder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, JSON.stringify(mine), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await heldBy(file);
      if (holder) {
        throw new DataDirInUseError(
          `The embedded database under ${dir} is open in another process (pid ${holder.pid} on ${holder.host}), most likely the gateway: ` +
            `PGlite cannot be shared. Stop the gateway and run this again, or use PostgreSQL (DATABASE_URL), which both can use at once. ` +
            `If no such process runs any more, delete ${file}.`,
        );
      }
      await rm(file, { force: true });
      continue;
    }
    const touch = setInterval(() => void utimes(file, new Date(), new Date()).catch(() => undefined), TOUCH_MS);
    touch.unref();
    return async () => {
      clearInterval(touch);
      if ((await readFile(file, 'utf8').catch(() => '')) === JSON.stringify(mine)) await rm(file, { force: true });
    };
  }
  throw new DataDirInUseError(`Could not take the lock ${file}: other processes keep opening the embedded database.`);
}

/** The live process holding the lock file, or undefined when it is left over. */
async function heldBy(file: string): Promise<Holder | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    const holder = JSON.parse(text) as Holder;
    if (Date.now() - info.mtimeMs > STALE_MS) return undefined;
    if (holder.host !== hostname()) return holder;
    // The same process (another open in a test) or a pid a restart gave us again: not another holder.
    return holder.pid !== process.pid && isRunning(holder.pid) ? holder : undefined;
  } catch {
    // Gone meanwhile, or half written by a process that died while writing it.
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
