import { startTestApp, stopTestApps } from '/work/main/tests/helpers/app.js';
import { uniquePrefix } from '/work/main/tests/helpers/redis.js';
const prefix = uniquePrefix('start-time');
const t0 = Date.now();
const app = await startTestApp({ prefix, env: { LOG_LEVEL: 'debug' } });
console.error('started', Date.now() - t0);
await stopTestApps(prefix, app);
process.exit(0);
