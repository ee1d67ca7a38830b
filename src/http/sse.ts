import type { FastifyReply } from 'fastify';

export interface SseStream {
  send(event: { id?: string | number; event?: string; data: unknown }): void;
  onClose(listener: () => void): void;
  close(): void;
}

const HEARTBEAT_MS = 15_000;

/** Turns a reply into a Server-Sent Events stream with heartbeats; the caller owns what is sent. */
export function openSse(reply: FastifyReply, streams: Set<SseStream>): SseStream {
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
      listeners.push(listener);
    },
    close() {
      if (!closed) raw.end();
      finish();
    },
  };
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    streams.delete(stream);
    for (const listener of listeners) listener();
  };
  // The response's close event fires when the client goes away (the request's fires once its body is read).
  raw.on('close', finish);
  streams.add(stream);
  return stream;
}
