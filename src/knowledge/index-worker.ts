import { parentPort } from 'node:worker_threads';
import type { IndexedSection } from './locale-index.js';
import type { KbLocale } from './schemas.js';
import { buildLocaleSnapshot, snapshotBuffers } from './locale-snapshot.js';

/** A message to the index worker: sections of a build (in order, in chunks), then `build`. */
export type IndexWorkerRequest = { id: number; sections: IndexedSection[] } | { id: number; build: KbLocale };

/**
 * Builds locale indexes off the main thread (`IndexBuilder`): receives a build's sections, builds,
 * and hands the typed arrays back without copying them.
 */
const port = parentPort!;
const pending = new Map<number, IndexedSection[]>();

port.on('message', (request: IndexWorkerRequest) => {
  if ('sections' in request) {
    pending.set(request.id, [...(pending.get(request.id) ?? []), ...request.sections]);
    return;
  }
  const sections = pending.get(request.id) ?? [];
  pending.delete(request.id);
  try {
    const snapshot = buildLocaleSnapshot(sections, request.build);
    port.postMessage({ id: request.id, snapshot }, snapshotBuffers(snapshot));
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
