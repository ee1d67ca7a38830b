import { describe, expect, it } from 'vitest';
import { askForPerson, consoleSuite, openChatPage, openConsoleWithTicket, recordDialogs } from '../helpers/browser.js';

const suite = consoleSuite('e2e-attachments');

/** A real 1×1 PNG, and a Windows program (MZ header) named like a picture. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(400)]);

describe('files in the chat page and the console', () => {
  it('sends a screenshot from the chat with its preview, refuses a program dressed as a picture, and shows the agent the picture', async () => {
    const player = await openChatPage(suite.browser, suite.gateway.url);
    await askForPerson(player);

    await player.setInputFiles('#file', { name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
    const sent = player.locator('.msg--player .msg__thumb').first();
    await sent.waitFor();
    await expect.poll(() => sent.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);

    await player.setInputFiles('#file', { name: 'cute-cat.png', mimeType: 'image/png', buffer: EXE });
    const refused = player.locator('.msg--failed .msg__error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/Only pictures .* and PDF files/);

    const agent = await openConsoleWithTicket(suite.browser, suite.gateway.url);
    const dialogs = recordDialogs(agent);
    await agent.click('#take-next');
    const thumb = agent.locator('#transcript .msg__thumb').first();
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
    expect(await thumb.getAttribute('alt')).toMatch(/screenshot\.png/);

    // The agent answers with a picture of their own, and what they typed goes with it.
    await agent.fill('#reply-text', 'This is where to find it.');
    await agent.setInputFiles('#reply-file', { name: 'where.png', mimeType: 'image/png', buffer: PNG });
    const answer = player.locator('.msg--agent', { hasText: 'This is where to find it.' });
    await answer.locator('.msg__thumb').waitFor();
    await expect.poll(() => answer.locator('.msg__thumb').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
    expect(await agent.inputValue('#reply-text')).toBe('');
    expect(dialogs).toEqual([]);
  });
});
