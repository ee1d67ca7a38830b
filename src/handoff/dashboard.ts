import basicAuth from '@fastify/basic-auth';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { safeEqual } from '../auth/safe-equal.js';
import { UnauthorizedError } from '../errors.js';

const BASE_PATH = '/admin/queues';

/** Bull Board for operations staff at /admin/queues, behind HTTP basic auth. */
export async function queueDashboard(app: FastifyInstance, options: { queues: Queue[]; user: string; password: string }): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({ queues: options.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter });
  serverAdapter.setBasePath(BASE_PATH);
  await app.register(basicAuth, {
    authenticate: { realm: 'Pitboss operations' },
    validate: async (user, password) => {
      // Both compared every time, so the answer takes as long whichever is wrong.
      const userOk = safeEqual(user, options.user);
      const passwordOk = safeEqual(password, options.password);
      if (!userOk || !passwordOk) throw new UnauthorizedError('Wrong user or password for the queue dashboard.');
    },
  });
  app.addHook('onRequest', app.basicAuth);
  await app.register(serverAdapter.registerPlugin(), { prefix: BASE_PATH });
}
