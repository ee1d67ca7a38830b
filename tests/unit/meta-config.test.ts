import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configProblems as problemsOf } from '../helpers/config.js';

const secrets = { META_APP_SECRET: 'meta-app-secret', META_VERIFY_TOKEN: 'meta-verify' };

describe('Messenger and Instagram configuration', () => {
  it('turns on each Meta channel with its own page token and the shared app secret and verify token', () => {
    expect(problemsOf({ ...secrets, MESSENGER_PAGE_TOKEN: 'page-token' })).toEqual([]);
    expect(problemsOf({ ...secrets, INSTAGRAM_PAGE_TOKEN: 'ig-token' })).toEqual([]);
    expect(problemsOf({ ...secrets, MESSENGER_PAGE_TOKEN: 'page-token', INSTAGRAM_PAGE_TOKEN: 'ig-token' })).toEqual([]);
    const { config } = loadConfig({});
    expect([config.META_API_ROOT, config.META_API_VERSION]).toEqual(['https://graph.facebook.com', 'v21.0']);
  });

  it('refuses a page token without the shared secrets, naming what is missing for each channel', () => {
    expect(problemsOf({ MESSENGER_PAGE_TOKEN: 'page-token', INSTAGRAM_PAGE_TOKEN: 'ig-token', META_VERIFY_TOKEN: 'meta-verify' })).toEqual([
      'messenger: set all of MESSENGER_PAGE_TOKEN, META_APP_SECRET, META_VERIFY_TOKEN to turn it on (missing META_APP_SECRET)',
      'instagram: set all of INSTAGRAM_PAGE_TOKEN, META_APP_SECRET, META_VERIFY_TOKEN to turn it on (missing META_APP_SECRET)',
    ]);
  });

  it('refuses the shared secrets without any page token in one line', () => {
    expect(problemsOf(secrets)).toEqual([expect.stringMatching(/^META_APP_SECRET, META_VERIFY_TOKEN: set, but they turn on nothing alone; set MESSENGER_PAGE_TOKEN and\/or INSTAGRAM_PAGE_TOKEN/)]);
    expect(problemsOf({ META_APP_SECRET: 'meta-app-secret' })).toEqual([expect.stringMatching(/^META_APP_SECRET: set, but they turn on nothing alone/)]);
  });

  it('checks the API version like WhatsApp, and the app secret like the other production secrets', () => {
    expect(problemsOf({ META_API_VERSION: '21' })).toEqual(['META_API_VERSION: must look like v21.0']);
    const strong = (seed: string) => `${seed}-7f3a9c1e5b2d8f4a6c0e9b3d7a1f5c2e8b4d`;
    const production = { NODE_ENV: 'production', WEBCHAT_TOKEN_SECRET: strong('webchat'), AGENT_TOKEN_SECRET: strong('agent'), METRICS_HOST: '127.0.0.1', MESSENGER_PAGE_TOKEN: 'page-token' };
    expect(problemsOf({ ...production, ...secrets, META_APP_SECRET: strong('meta') })).toEqual([]);
    expect(problemsOf({ ...production, ...secrets })).toEqual([
      expect.stringMatching(/^META_APP_SECRET: must be at least 32 characters when NODE_ENV=production/),
    ]);
  });
});
