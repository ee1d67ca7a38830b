import { describe, expect, it } from 'vitest';
import { isSaferChange, type Limits } from '../../src/core/player.js';
import { confirmationIn, limitRequestIn } from '../../src/bot/self-service/requests.js';

const limits: Limits = { depositDaily: 100, depositWeekly: null, depositMonthly: null, timeoutUntil: null, selfExcludedUntil: null };

describe('reading a limit request', () => {
  it.each([
    ['set my daily deposit limit to 50', 'daily', 50],
    ['Поставьте дневной лимит депозита 50', 'daily', 50],
    ['gündəlik depozit limitimi 50 et', 'daily', 50],
    ['weekly deposit limit 1k please', 'weekly', 1000],
    ['limit my deposits to 300 a month', 'monthly', 300],
    ['установите месячный лимит на пополнение 200 евро', 'monthly', 200],
  ])('"%s" is an exact change of the %s deposit limit to %d', (text, period, amount) => {
    expect(limitRequestIn(text)).toEqual({ kind: 'change', action: { kind: 'deposit_limit', period, amount } });
  });

  it.each([
    ['I want a 7 day break', 7],
    ['хочу перерыв на неделю', 7],
    ['тайм-аут на 3 дня', 3],
    ['7 günlük fasilə istəyirəm', 7],
    ['pause my account for 24 hours', 1],
    ['Break for 30 days', 30],
  ])('"%s" is a break of %d days', (text, days) => {
    expect(limitRequestIn(text)).toEqual({ kind: 'change', action: { kind: 'timeout', days } });
  });

  it.each(['raise my limit', 'повысьте мой лимит', 'limitimi artırın', 'remove my daily deposit limit'])('"%s" asks to loosen a limit', (text) => {
    expect(limitRequestIn(text)?.kind).toBe('raise');
  });

  it.each(['end my timeout early', 'отмените перерыв', 'fasiləni ləğv edin'])('"%s" asks to end a break early', (text) => {
    expect(limitRequestIn(text)).toEqual({ kind: 'end_timeout' });
  });

  it('asks how long when a break has no length', () => {
    expect(limitRequestIn('I need a break')).toEqual({ kind: 'timeout_length' });
  });

  it.each(['what is a deposit limit?', 'how do i withdraw 50', 'what is the maximum withdrawal limit per day', 'raise my withdrawal limit', 'max bet limit on slots is 5?'])(
    '"%s" is a question, not a request',
    (text) => {
      expect(limitRequestIn(text)).toBeUndefined();
    },
  );
});

describe('what counts as safer', () => {
  it('a lower or a first limit is safer; a higher one is not', () => {
    expect(isSaferChange({ kind: 'deposit_limit', period: 'daily', amount: 50 }, limits)).toBe(true);
    expect(isSaferChange({ kind: 'deposit_limit', period: 'weekly', amount: 5000 }, limits)).toBe(true);
    expect(isSaferChange({ kind: 'deposit_limit', period: 'daily', amount: 100 }, limits)).toBe(false);
    expect(isSaferChange({ kind: 'deposit_limit', period: 'daily', amount: 150 }, limits)).toBe(false);
  });

  it('a break that would end before the one running is not safer', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const onBreak = { ...limits, timeoutUntil: '2026-12-08T00:00:00Z' };
    expect(isSaferChange({ kind: 'timeout', days: 1 }, onBreak, now)).toBe(false);
    expect(isSaferChange({ kind: 'timeout', days: 30 }, onBreak, now)).toBe(true);
  });
});

describe('reading a confirmation', () => {
  it.each(['yes', 'Yes!', 'да', 'Bəli', 'evet', 'ok'])('"%s" is yes', (text) => expect(confirmationIn(text)).toBe(true));
  it.each(['no', 'Нет', 'xeyr', 'Hayır'])('"%s" is no', (text) => expect(confirmationIn(text)).toBe(false));
  it.each(['maybe later', 'what is my limit now?'])('"%s" is neither', (text) => expect(confirmationIn(text)).toBeUndefined());
});
