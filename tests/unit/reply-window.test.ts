import { describe, expect, it } from 'vitest';
import { replyPermit } from '../../src/conversation/reply-window.js';
import type { ChannelId } from '../../src/core/schemas.js';

const HOUR_MS = 3600 * 1000;
const lastPlayerAt = '2026-03-01T12:00:00.000Z';
const atHour = (hours: number) => Date.parse(lastPlayerAt) + hours * HOUR_MS;
const permit = (channel: ChannelId, from: 'agent' | 'bot' | 'system', hours: number) => replyPermit({ channel, lastPlayerAt }, from, atHour(hours));

describe('the reply window', () => {
  it('lets WhatsApp messages of anyone go for 24 hours after the player last wrote, and none after', () => {
    expect(permit('whatsapp', 'agent', 23.9)).toEqual({ send: true, humanAgentTag: false });
    expect(permit('whatsapp', 'agent', 24)).toMatchObject({ send: false, closedAt: new Date(atHour(24)) });
    expect(permit('whatsapp', 'bot', 100)).toMatchObject({ send: false, closedAt: new Date(atHour(24)) });
  });

  it.each(['messenger', 'instagram'] as const)('lets %s agent replies go with the HUMAN_AGENT tag from 24 hours to 7 days, and bot or system messages only within 24 hours', (channel) => {
    expect(permit(channel, 'bot', 23.9)).toEqual({ send: true, humanAgentTag: false });
    expect(permit(channel, 'agent', 23.9)).toEqual({ send: true, humanAgentTag: false });
    expect(permit(channel, 'agent', 24)).toEqual({ send: true, humanAgentTag: true, standardClosedAt: new Date(atHour(24)), closesAt: new Date(atHour(7 * 24)) });
    expect(permit(channel, 'agent', 7 * 24 - 0.1)).toMatchObject({ send: true, humanAgentTag: true });
    expect(permit(channel, 'bot', 25)).toMatchObject({ send: false, closedAt: new Date(atHour(24)) });
    expect(permit(channel, 'system', 25)).toMatchObject({ send: false, closedAt: new Date(atHour(24)) });
    expect(permit(channel, 'agent', 7 * 24)).toMatchObject({ send: false, closedAt: new Date(atHour(7 * 24)) });
  });

  it('never closes for channels without one, nor before the player ever wrote', () => {
    for (const channel of ['webchat', 'telegram', 'email'] as const) expect(permit(channel, 'bot', 24 * 365)).toEqual({ send: true, humanAgentTag: false });
    expect(replyPermit({ channel: 'messenger' }, 'bot', atHour(24 * 365))).toEqual({ send: true, humanAgentTag: false });
  });
});
