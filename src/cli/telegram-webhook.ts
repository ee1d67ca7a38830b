import 'dotenv/config';
import { Api } from 'grammy';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';

/** Registers `${PUBLIC_URL}/webhooks/telegram` with Telegram, with the secret token and the update types we handle. */
async function main(): Promise<void> {
  const { config } = loadConfig();
  if (!config.TELEGRAM_BOT_TOKEN || !config.TELEGRAM_WEBHOOK_SECRET) throw new Error('set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET first');
  if (!config.PUBLIC_URL?.startsWith('https://')) throw new Error('set PUBLIC_URL to the https:// address where Telegram can reach this gateway');
  const url = `${config.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/telegram`;
  const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') });
  await api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: ['message', 'callback_query'] });
  console.log(`Telegram will deliver message and callback_query updates to ${url}`);
}

main().catch((error: unknown) => {
  console.error(`telegram:webhook: ${error instanceof AppError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
