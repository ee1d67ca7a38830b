import { Api } from 'grammy';
import { loadConfig } from '../config.js';
import { runCli } from './command.js';

runCli({
  name: 'telegram:webhook',
  synopsis: '',
  description: [
    'Registers PUBLIC_URL/webhooks/telegram with Telegram, with the secret token and the update types the gateway handles.',
    'No options; it reads from the environment or .env:',
    '  TELEGRAM_BOT_TOKEN        the bot token from @BotFather',
    '  TELEGRAM_WEBHOOK_SECRET   the secret Telegram sends with every update',
    '  PUBLIC_URL                the https:// address where Telegram can reach this gateway',
    '  TELEGRAM_API_ROOT         the Bot API server (default https://api.telegram.org)',
  ].join('\n'),
  options: {},
  async run() {
    const { config } = loadConfig();
    if (!config.TELEGRAM_BOT_TOKEN || !config.TELEGRAM_WEBHOOK_SECRET) throw new Error('set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET first');
    if (!config.PUBLIC_URL?.startsWith('https://')) throw new Error('set PUBLIC_URL to the https:// address where Telegram can reach this gateway');
    const url = `${config.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/telegram`;
    const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') });
    await api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: ['message', 'callback_query'] });
    console.log(`Telegram will deliver message and callback_query updates to ${url}`);
  },
});
