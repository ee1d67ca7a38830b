import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { type ArticleSpec, tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('help-center');
const hostile: ArticleSpec = {
  id: 'deposit-help',
  locale: 'en',
  title: 'Deposit help',
  body: [
    'Deposits arrive at once. <script>window.__pwned = 1</script>',
    '',
    '<script>',
    'window.__pwned = 2',
    '</script>',
    '',
    '## Why did my deposit fail?',
    'Check the card. <img src=x onerror="window.__pwned = 3"> [Tap here](javascript:window.__pwned=4) or read [Roulette rules](kb:roulette).',
  ].join('\n'),
};
const kb = tempKnowledge([...withdrawalArticles, { ...withdrawalArticles[1]!, body: `${withdrawalArticles[1]!.body}\n\nСм. также [правила рулетки](kb:roulette).` }, hostile]);
// Triage as shipped, so the questions here are triaged as in production.
cpSync('knowledge/triage', join(kb.dir, 'triage'), { recursive: true });
let gateway: TestApp;

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { KNOWLEDGE_DIR: kb.dir } });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  kb.cleanup();
});

const page = async (path: string) => {
  const response = await fetch(`${gateway.url}${path}`, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

describe('help center', () => {
  it("links an answer's citation to the help page, at the anchor of the cited section", async () => {
    const { token } = await createSession(gateway.url, { locale: 'ru' });
    const { body } = await postMessage(gateway.url, token, { text: 'Какой минимальный вывод?' });
    const [citation] = body.replies[0]!.citations!;
    expect(citation).toMatchObject({ id: 'withdrawals', locale: 'ru' });
    const [path, fragment] = citation!.url!.split('#');
    expect(path).toBe('/help/ru/withdrawals');
    expect(decodeURIComponent(fragment!)).toBe('какой-минимальный-вывод');

    const served = await page(path!);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/html/);
    expect(served.text).toContain('<html lang="ru"');
    expect(served.text).toContain('<h2 id="какой-минимальный-вывод">Какой минимальный вывод?</h2>');
    expect(served.text).toContain('Минимальная сумма вывода — €20.');
  });

  it('lists the Russian articles by category, with English ones where no translation exists', async () => {
    const { status, text } = await page('/help/ru');
    expect(status).toBe(200);
    expect(text).toContain('<html lang="ru"');
    expect(text).toContain('<h1>Справочный центр</h1>');
    const payments = text.slice(text.indexOf('<h2 id="payments">Платежи</h2>'));
    expect(payments).toMatch(/^<h2 id="payments">Платежи<\/h2>\s*<ul><li><a href="\/help\/ru\/withdrawals" hreflang="ru" lang="ru">Сроки вывода<\/a>/);
    expect(text).toMatch(/<h2 id="rules">Правила игр<\/h2>\s*<ul><li><a href="\/help\/en\/roulette" hreflang="en" lang="en">Roulette rules<\/a> <span class="note">\(на английском\)<\/span>/);
    expect(text).not.toContain('Withdrawal times');
  });

  it('links each article to its other languages and its kb: links to help pages', async () => {
    const { text } = await page('/help/ru/withdrawals');
    expect(text).toContain('<a href="/help/en/withdrawals" hreflang="en" lang="en">English</a>');
    expect(text).toContain('<a href="/help/az/withdrawals" hreflang="az" lang="az">Azərbaycanca</a>');
    expect(text).toContain('<a href="/help/ru/roulette">правила рулетки</a>');
    const untranslated = await page('/help/ru/roulette');
    expect(untranslated.status).toBe(302);
    expect(untranslated.headers.get('location')).toBe('/help/en/roulette');
  });

  it('answers 404 JSON for an unknown article or language', async () => {
    for (const path of ['/help/en/no-such-article', '/help/xx', '/help/xx/withdrawals', '/help/en/..%2F..%2Fpackage.json', '/help/en/Withdrawals']) {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toMatchObject({ error: expect.any(String), message: expect.stringContaining('/help/') });
    }
  });

  it('never turns markup or script links from an article file into live HTML, and forbids scripts on the page', async () => {
    const { status, headers, text } = await page('/help/en/deposit-help');
    expect(status).toBe(200);
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/<img[^>]*onerror/i);
    expect(text).not.toMatch(/href="javascript:/i);
    expect(text).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(text).toContain('<h2 id="why-did-my-deposit-fail">Why did my deposit fail?</h2>');
    const csp = headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
  });

  it('serves an edited article without a restart', async () => {
    kb.write({ ...withdrawalArticles[0]!, body: withdrawalArticles[0]!.body.replace('€20', '€15') });
    await expect.poll(async () => (await page('/help/en/withdrawals')).text, { timeout: 2000, interval: 50 }).toContain('The minimum withdrawal is €15.');
  });
});
