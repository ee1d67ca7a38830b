import { it } from 'vitest';
import { startTestApp, stopTestApps } from '../tests/helpers/app.js';
import { uniquePrefix } from '../tests/helpers/redis.js';

it('times gateway start-ups', async () => {
  for (let i = 0; i < 4; i++) {
    const prefix = uniquePrefix('start-time');
    const t0 = Date.now();
    const app = await startTestApp({ prefix });
    const t1 = Date.now();
    await stopTestApps(prefix, app);
    console.log(`start ${t1 - t0} ms, stop ${Date.now() - t1} ms`);
  }
}, 120_000);
