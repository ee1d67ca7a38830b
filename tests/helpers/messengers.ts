import { startFakeTelegram, TELEGRAM_SECRET, TELEGRAM_TOKEN } from '../fixtures/fake-telegram.js';
import { startFakeGraph, WHATSAPP_ENV } from '../fixtures/fake-whatsapp.js';
import { startTestApp, stopTestApps, type TestApp } from './app.js';

export interface MessengerGateway {
  gateway: TestApp;
  telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
  graph: Awaited<ReturnType<typeof startFakeGraph>>;
  /** Closes the gateway (and cleans its prefix) and both fake APIs. */
  stop(): Promise<void>;
}

/** A gateway with Telegram and WhatsApp on, each talking to its fake API, over the given knowledge folder. */
export async function startMessengerGateway(prefix: string, knowledgeDir: string, env: Record<string, string> = {}): Promise<MessengerGateway> {
  const telegram = await startFakeTelegram();
  const graph = await startFakeGraph();
  const gateway = await startTestApp({
    prefix,
    env: {
      KNOWLEDGE_DIR: knowledgeDir,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_API_ROOT: telegram.url,
      ...WHATSAPP_ENV,
      WHATSAPP_API_ROOT: graph.url,
      ...env,
    },
  });
  return {
    gateway,
    telegram,
    graph,
    async stop() {
      await stopTestApps(prefix, gateway);
      await telegram.close();
      await graph.close();
    },
  };
}
