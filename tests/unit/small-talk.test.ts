import { describe, expect, it } from 'vitest';
import { isGreetingOrHelp } from '../../src/bot/small-talk.js';

describe('greetings and help requests', () => {
  it.each(['Hi!', 'hello there', 'Hello, what can you do?', 'Привет', 'Здравствуйте!', 'что ты умеешь?', 'Salam', 'nə kömək edə bilərsiniz?', 'help', 'Merhaba 👋'])(
    'recognises %j',
    (text) => expect(isGreetingOrHelp(text)).toBe(true),
  );

  it.each(['hi, how long does a withdrawal take?', 'Привет, как отыграть бонус?', 'help me my game froze', 'salam pulu nece cixarim'])(
    'leaves a real question to the knowledge base: %j',
    (text) => expect(isGreetingOrHelp(text)).toBe(false),
  );
});
