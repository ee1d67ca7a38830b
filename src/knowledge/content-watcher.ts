import { dirname, relative, sep } from 'node:path';
import { watch } from 'chokidar';

/** Editors save in bursts (temp file, rename, touch): one reload per burst. */
const SETTLE_MS = 100;

export interface ContentWatcher {
  close(): Promise<void>;
}

/**
 * Watches content folders under `root` (e.g. `en`, `replies/ru`: their own files, not deeper) and
 * calls `onChange` once a burst of edits to `.md` or `.yaml` files has settled; resolves when the
 * watch is in place. It watches `root` itself and filters, rather than each folder: a folder that does
 * not exist yet is picked up when it is created, and a missing one cannot make chokidar report
 * `ready` before the others are watched (which lost the first edit after start).
 */
export async function watchContent(root: string, folders: string[], onChange: () => void): Promise<ContentWatcher> {
  const watched = new Set(folders.map((folder) => folder.split('/').join(sep)));
  const depth = Math.max(...folders.map((folder) => folder.split('/').length));
  const watcher = watch(root, { ignoreInitial: true, depth });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    if (!path.endsWith('.md') && !path.endsWith('.yaml')) return;
    if (!watched.has(dirname(relative(root, path)))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
