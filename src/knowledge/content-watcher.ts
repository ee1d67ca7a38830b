import { watch } from 'chokidar';

/** Editors save in bursts (temp file, rename, touch): one reload per burst. */
const SETTLE_MS = 100;

export interface ContentWatcher {
  close(): Promise<void>;
}

/**
 * Watches content folders (their own files, not subfolders) and calls `onChange` once a burst of
 * edits to `.md` or `.yaml` files has settled; resolves when the watch is in place.
 */
export async function watchContent(folders: string[], onChange: () => void): Promise<ContentWatcher> {
  const watcher = watch(folders, { ignoreInitial: true, depth: 0 });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    if (!path.endsWith('.md') && !path.endsWith('.yaml')) return;
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
