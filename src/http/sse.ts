import type { FastifyReply } from 'fastify';
import { TooManyRequestsError } from '../errors.js';

export interface SseStream {
  send(event: { id?: string | number; event?: string; data: unknown }): void;
  onClose(listener: () => void): void;
  close(): void;
}

/** Whose stream it is: a web chat conversation or an agent console. */
export interface StreamOwner {
  kind: 'conversation' | 'agent';
  id: string;
}

const HEARTBEAT_MS = 15_000;
/** A refused stream is worth retrying once a dead connection of the same owner has had time to be noticed. */
const RETRY_AFTER_SECONDS = 15;

/**
 * Every Server-Sent Events stream this process holds: shutdown ends them all, and no conversation or
 * agent may hold more than its limit on this replica (each stream costs the process a socket and a
 * Redis subscription; a count in Redis would outlive a crashed replica's streams and lock owners out).
 */
export class OpenStreams {
  private readonly streams = new Set<SseStream>();
  private readonly perOwner = new Map<string, number>();

  constructor(private readonly limits: Record<StreamOwner['kind'], number>) {}

  /** Turns the reply into a stream with heartbeats; throws 429 when the owner already holds its limit. */
  open(reply: FastifyReply, owner: StreamOwner): SseStream {
    const ownerKey = `${owner.kind}:${owner.id}`;
    const held = this.perOwner.get(ownerKey) ?? 0;
    const limit = this.limits[owner.kind];
    if (held >= limit) {
      throw new TooManyRequestsError(
        `This ${owner.kind} already has ${held} open event streams, the most allowed. Close another tab or window, or retry once it has closed.`,
        'too_many_streams',
        RETRY_AFTER_SECONDS,
      );
    }
    this.perOwner.set(ownerKey, held + 1);
    const stream = openSse(reply, () => {
      this.streams.delete(stream);
      const left = (this.perOwner.get(ownerKey) ?? 1) - 1;
      if (left > 0) this.perOwner.set(ownerKey, left);
      else this.perOwner.delete(ownerKey);
    });
    this.streams.add(stream);
    return stream;
  }

  closeAll(): void {
    for (const stream of this.streams) stream.close();
  }
}

function openSse(reply: FastifyReply, onFinish: () => void): SseStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  const listeners: Array<() => void> = [];
  let closed = false;
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    onFinish();
    for (const listener of listeners) listener();
  };
  const stream: SseStream = {
    send({ id, event, data }) {
      if (closed) return;
      let frame = '';
      if (id !== undefined) frame += `id: ${id}\n`;
      if (event) frame += `event: ${event}\n`;
      frame += `data: ${JSON.stringify(data)}\n\n`;
      raw.write(frame);
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    close() {
      if (!closed) raw.end();
      finish();
    },
  };
  // The response's close event fires when the client goes away (the request's fires once its body is read);
  // a client that left while the route was still checking its request is already gone.
  if (raw.destroyed) queueMicrotask(finish);
  else raw.on('close', finish);
  return stream;
}
