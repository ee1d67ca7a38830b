import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PASSWORD } from '../helpers/agent.js';
import { consoleSuite } from '../helpers/browser.js';

const suite = consoleSuite('e2e-callback');
let agent: Page;

beforeAll(async () => {
  agent = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' })).newPage();
  await agent.goto(`${suite.gateway.url}/agent`);
  await agent.fill('#email', 'anna@demo.example');
  await agent.fill('#password', AGENT_PASSWORD);
  await agent.click('#login-form button[type=submit]');
  // expect.poll needs a running test; a locator wait does the same here.
  await agent.locator('#live', { hasText: /^Live$/ }).waitFor();
});

/** A player in the chat page, in a browser speaking `locale`. */
async function player(locale: string): Promise<Page> {
  const page = await (await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale })).newPage();
  await page.goto(`${suite.gateway.url}/chat`);
  await expect.poll(() => page.locator('#connection').textContent()).not.toBe('Connecting…');
  return page;
}

async function write(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

/** The agent takes the waiting callback and sees the call button for the number. */
async function takeCall(e164: string): Promise<void> {
  await agent.locator('.qitem .badge', { hasText: 'Callback' }).first().waitFor();
  await agent.click('#take-next');
  // The previous call's ticket stays on screen until the taken one opens.
  const dial = agent.locator(`a.call__dial[href="tel:${e164}"]`);
  await dial.waitFor();
  expect(await dial.textContent()).toBe(`Call ${e164}`);
}

/** The player asks for a call in their words, answers the bot's questions by typing the number and tapping the rest, and sees the booking; returns the time they tapped. */
async function askForCall(chat: Page, steps: { ask: string; question: string; phone: string; language: string; time: string | RegExp; booked: string }): Promise<string> {
  await write(chat, steps.ask);
  await chat.locator('.msg--bot', { hasText: steps.question }).waitFor();
  await write(chat, steps.phone);
  await chat.getByRole('button', { name: steps.language }).click();
  const time = chat.getByRole('button', { name: steps.time });
  const tapped = (await time.textContent()) ?? '';
  await time.click();
  await chat.locator('.msg', { hasText: steps.booked }).waitFor();
  return tapped;
}

/** "18:05" as the agent's en-US clock shows it, to the minute: "6:05 PM". */
function usClock(hhmm: string): RegExp {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return new RegExp(`${((hours + 11) % 12) + 1}:${String(minutes).padStart(2, '0')}\\s${hours < 12 ? 'AM' : 'PM'}`);
}

describe('a callback asked for in the chat, completed in the console', () => {
  it('English: the call is done and the player is asked for a rating', async () => {
    const chat = await player('en-GB');
    const booked = 'We will call +44 7400 123456 as soon as possible';
    await askForCall(chat, { ask: 'Could you call me back please?', question: 'What number should we call?', phone: '+44 7400 123456', language: 'English', time: 'As soon as possible', booked });
    await chat.locator('#banner').waitFor({ state: 'visible' });
    expect(await chat.locator('.msg', { hasText: booked }).count()).toBe(1);

    await takeCall('+447400123456');
    expect(await agent.locator('.call').textContent()).toContain('English');
    // The channel by the name players know it, not its id.
    expect(await agent.locator('.ticket__head').textContent()).toContain('Web chat');
    await agent.getByRole('button', { name: 'Call done' }).click();
    await chat.locator('.msg--system', { hasText: 'Thank you for talking with us on the phone' }).waitFor();
    await chat.getByRole('button', { name: '5' }).click();
    await chat.locator('.msg--bot', { hasText: 'Thank you for your rating' }).waitFor();
    await expect.poll(() => agent.locator('.ticket__head').textContent()).toContain('Resolved');
  });

  it('Russian: the player picks a later time; the agent could not reach them, and the player is told', async () => {
    const chat = await player('ru-RU');
    const evening = await askForCall(chat, {
      ask: 'Перезвоните мне, пожалуйста',
      question: 'На какой номер звонить?',
      phone: '+7 912 345-67-89',
      language: 'Русский',
      time: /22:00$/,
      booked: 'Мы позвоним на номер +7 912 345 67 89',
    });

    await takeCall('+79123456789');
    // The chat and the agent are both on UTC here (no SUPPORT_HOURS): the window starts at 18:00, or now when the evening has begun.
    const [, start] = /^(?:Сегодня|Завтра) (\d\d:\d\d)–22:00$/.exec(evening) ?? [];
    expect(start, evening).toBeDefined();
    const card = (await agent.locator('.call').textContent()) ?? '';
    expect(card).toMatch(new RegExp(`LanguageРусскийWhen.*, ${usClock(start!).source} – ${usClock('22:00').source}`));
    await agent.getByRole('button', { name: 'Could not reach' }).click();
    await chat.locator('.msg--system', { hasText: 'но не дозвонились' }).waitFor();
  });

  it('Azerbaijani: the agent reschedules the call from the console, and the player hears the new time', async () => {
    const chat = await player('az-AZ');
    await askForCall(chat, {
      ask: 'Salam, mənə zəng edin',
      question: 'Hansı nömrəyə zəng edək?',
      phone: '+994 50 123 45 67',
      language: 'Azərbaycanca',
      time: 'Mümkün qədər tez',
      booked: '+994 50 123 45 67 nömrəsinə mümkün qədər tez zəng edəcəyik',
    });

    await takeCall('+994501234567');
    await agent.getByRole('button', { name: 'Reschedule' }).click();
    await agent.getByRole('button', { name: 'Save the new time' }).click();
    await chat.locator('.msg--system', { hasText: 'Zənginiz başqa vaxta keçirildi' }).waitFor();
    await expect.poll(() => agent.locator('.call').textContent()).toContain('rescheduled');
    // Still the agent's to call: the outcome buttons stay.
    expect(await agent.getByRole('button', { name: 'Call done' }).count()).toBe(1);
  });
});
