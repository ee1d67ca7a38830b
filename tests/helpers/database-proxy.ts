import { connect, createServer, type Server, type Socket } from 'node:net';
import { TEST_DATABASE_URL } from './database.js';

/** A TCP proxy in front of the test PostgreSQL: closing it is the outage a gateway behind it sees. */
export class DatabaseProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  /** The test database's URL, through the proxy. */
  get url(): string {
    const through = new URL(TEST_DATABASE_URL);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }

  /** Starts forwarding, on the same port as before when it was open before. */
  open(): Promise<void> {
    const upstream = new URL(TEST_DATABASE_URL);
    const server = createServer((client) => {
      const database = connect(Number(upstream.port || 5432), upstream.hostname);
      for (const socket of [client, database]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(database).pipe(client);
    });
    this.server = server;
    return new Promise((resolve) =>
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      }),
    );
  }

  /** Refuses new connections and cuts the open ones. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server?.listening) return resolve();
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}
