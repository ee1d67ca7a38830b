import { describe, expect, it } from 'vitest';
import { OutputPolicy, type PolicyContext, PolicyGate, PolicyViolation } from '../../src/llm/output-policy.js';

const withdrawals = { text: 'Withdrawal times\nCard withdrawals arrive in 1–5 business days. The minimum withdrawal is €20.', category: 'payments' };
const contact = { text: 'Contact\nReport phishing to security@demo-casino.example.', category: 'contact' };
const welcome = { text: 'Welcome bonus\nYour first deposit is matched 100% up to €200.', category: 'bonuses' };

function policy(context: Partial<PolicyContext> = {}): OutputPolicy {
  return new OutputPolicy({ output: 'answer', playerTexts: ['how long does a withdrawal take? my mail is ivan@mail.example'], sections: [withdrawals, contact, welcome], ...context });
}

function ruleBroken(sentence: string, context?: Partial<PolicyContext>): string | undefined {
  try {
    policy(context).check(sentence);
    return undefined;
  } catch (error) {
    if (error instanceof PolicyViolation) return error.rule;
    throw error;
  }
}

describe('the output policy', () => {
  it.each([
    ['Your account has been credited with a 200 EUR bonus. [1]', 'money_promise'],
    ['Your refund of 300 EUR has been approved. [1]', 'money_promise'],
    ["Good news: we'll give you 100 free spins! [1]", 'money_promise'],
    ['You will be refunded tomorrow. [1]', 'money_promise'],
    ['Мы обязательно вернём вам 500 евро. [1]', 'money_promise'],
    ['Вам уже начислен бонус 200 евро. [1]', 'money_promise'],
    ['Hesabınıza 200 AZN bonus köçürüldü. [1]', 'money_promise'],
    ['Sizə 500 manat qaytaracağıq. [1]', 'money_promise'],
    ['Size 500 TL iade edeceğiz. [1]', 'money_promise'],
    ['To check, please type your full card number, expiry date and CVV. [1]', 'credential_request'],
    ['Could you send me the code from the SMS? [1]', 'credential_request'],
    ['Пришлите, пожалуйста, полный номер карты и CVV-код. [1]', 'credential_request'],
    ['Zəhmət olmasa kart nömrənizi və CVV kodunu yazın. [1]', 'credential_request'],
    ['Lütfen şifrenizi buraya yazın. [1]', 'credential_request'],
    ['The card 4111 1111 1111 1111 belongs to maria.k@example.com. [1]', 'personal_data'],
    ['Call Maria on +994 50 555 12 34. [1]', 'personal_data'],
    ['Send it to AZ21 NABZ 0000 0000 1370 1000 1944. [1]', 'personal_data'],
  ])('withholds "%s" (%s)', (sentence, rule) => {
    expect(ruleBroken(sentence)).toBe(rule);
  });

  it.each([
    'Never share your password or CVV with anyone. [1]',
    "Don't send us your full card number. [1]",
    'Support will never ask for your password or for codes sent to you. [1]',
    'Enter the code from the app to confirm. [1]',
    'We will send you an e-mail when the withdrawal is approved. [1]',
    'Никому не сообщайте пароль и коды из SMS. [1]',
    'Paid (Выплачено) — деньги отправлены на ваш счёт или карту. [1]',
    'Мы не вернём ставку после расчёта. [1]',
    'Heç kimə şifrənizi deməyin. [1]',
    'Report phishing to security@demo-casino.example. [2]',
    'We have your e-mail ivan@mail.example on file. [1]',
  ])('lets a help-centre warning or the player’s own data through: "%s"', (sentence) => {
    expect(ruleBroken(sentence)).toBeUndefined();
  });

  it('keeps bonus talk and bonus articles from a player with responsible-gambling signals only', () => {
    expect(ruleBroken('You could also grab a welcome bonus. [1]')).toBeUndefined();
    expect(ruleBroken('You could also grab a welcome bonus. [1]', { noPromotions: true })).toBe('promotion');
    expect(ruleBroken('Your first deposit is matched up to €200. [3]', { noPromotions: true })).toBe('promotion');
    expect(ruleBroken('Можно получить фриспины. [1]', { noPromotions: true })).toBe('promotion');
  });

  it('drops a sentence citing a section that was not retrieved, or a number its sections do not state', () => {
    const check = (sentence: string) => policy().check(sentence).keep;
    expect(check('Card withdrawals arrive in 1–5 business days. [1]')).toBe(true);
    expect(check('Withdrawals are instant and free of charge. [9]')).toBe(false);
    expect(check('Card withdrawals arrive within 2 hours. [1]')).toBe(false);
    expect(check('Card withdrawals arrive in 1–5 business days.')).toBe(false);
    expect(check('Glad to help!')).toBe(true);
  });
});

describe('the policy gate over a stream', () => {
  function stream(text: string, context?: Partial<PolicyContext>) {
    const passed: string[] = [];
    const gate = new PolicyGate(policy(context), { requireBacked: true, onPassed: (t) => passed.push(t) });
    let error: unknown;
    try {
      for (const piece of text.match(/.{1,7}/gsu)!) gate.push(piece);
      return { passed, result: gate.finish(), gate };
    } catch (e) {
      error = e;
    }
    return { passed, error, gate };
  }

  it('lets text through a whole checked sentence at a time, with citation markers that arrive later', () => {
    const { passed, result } = stream('Glad to help! Card withdrawals arrive in 1–5 business days. [1] The minimum is €20. [1]');
    expect(passed).toEqual([
      'Glad to help! Card withdrawals arrive in 1–5 business days.',
      'Glad to help! Card withdrawals arrive in 1–5 business days. The minimum is €20.',
    ]);
    expect(result).toEqual({ text: 'Glad to help! Card withdrawals arrive in 1–5 business days. The minimum is €20.', cited: [1] });
  });

  it('never lets a violating sentence through, and keeps what was shown before it', () => {
    const { passed, error, gate } = stream('Card withdrawals arrive in 1–5 business days. [1] We will refund your 300 EUR today. [1] Bye.');
    expect(error).toBeInstanceOf(PolicyViolation);
    expect(passed).toEqual(['Card withdrawals arrive in 1–5 business days.']);
    expect(gate.shown).toEqual({ text: 'Card withdrawals arrive in 1–5 business days.', cited: [1] });
  });

  it('shows nothing of an answer without a backed claim, and withholds it as ungrounded', () => {
    const { passed, error, gate } = stream('Withdrawals are quick. Usually instant. [7]');
    expect(passed).toEqual([]);
    expect((error as PolicyViolation).rule).toBe('ungrounded');
    expect(gate.shown).toBeUndefined();
  });
});
