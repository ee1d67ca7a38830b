import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { redactUrlPassword } from '../../src/errors.js';
import { parseRedisTarget } from '../../src/redis.js';
import { configProblems as problemsOf } from '../helpers/config.js';

describe('configuration', () => {
  it('starts with the documented defaults when nothing is set', () => {
    const { config } = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.NODE_ENV).toBe('development');
  });

  it('generates a web chat secret in development and warns about it without printing it', () => {
    const { config, warnings } = loadConfig({ NODE_ENV: 'development' });
    expect(config.WEBCHAT_TOKEN_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(warnings.join('\n')).toContain('WEBCHAT_TOKEN_SECRET is not set');
    expect(warnings.join('\n')).not.toContain(config.WEBCHAT_TOKEN_SECRET);
  });

  it('refuses to start in production without a web chat secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WEBCHAT_TOKEN_SECRET: required when NODE_ENV=production/);
  });

  it('reports one clear line per bad value', () => {
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://localhost', WEBCHAT_TOKEN_SECRET: 'short' });
      expect.unreachable('bad config was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('PORT:'))).toBeDefined();
      expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toMatch(/redis:\/\//);
      expect(problems.find((p) => p.startsWith('WEBCHAT_TOKEN_SECRET:'))).toMatch(/at least 32/);
    }
  });
});

describe('where Redis is', () => {
  it('takes one server, a Cluster by its seed nodes, or a master found through Sentinels, with credentials', () => {
    expect(parseRedisTarget('redis://:pw@10.0.0.5:6380/2')).toEqual({ kind: 'server', url: 'redis://:pw@10.0.0.5:6380/2' });
    expect(parseRedisTarget('rediss-cluster://app:s%40cret@r1:7000,r2:7001')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'r1', port: 7000 }, { host: 'r2', port: 7001 }],
      tls: true,
      username: 'app',
      password: 's@cret',
    });
    expect(parseRedisTarget('redis-sentinel://s1:26379,s2:26379/pitboss/3')).toEqual({
      kind: 'sentinel',
      sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }],
      name: 'pitboss',
      db: 3,
      tls: false,
    });
  });

  it('refuses what names no Redis: a sentinel URL without its master, a host without a port, other schemes', () => {
    for (const url of ['redis-sentinel://s1:26379', 'redis-cluster://r1,r2:7001', 'redis-cluster://r1:7000/x', 'memcached://m:11211', 'redis://a:1,b:2']) {
      expect(parseRedisTarget(url), url).toBeUndefined();
      expect(() => loadConfig({ REDIS_URL: url }), url).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL, redis-cluster:/);
    }
  });

  it('asks for a hash tag in the key prefix on a Cluster, so each script finds its keys in one slot', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis-cluster://r1:7000,r2:7001' })).toThrow(/REDIS_PREFIX: must carry a hash tag on Redis Cluster, e\.g\. \{pitboss\}:/);
    expect(loadConfig({ REDIS_URL: 'redis-cluster://r1:7000,r2:7001', REDIS_PREFIX: '{pitboss}:' }).config.REDIS_PREFIX).toBe('{pitboss}:');
  });

  it('never prints a Redis password', () => {
    expect(redactUrlPassword('redis://:hunter2@db:6379')).toBe('redis://:***@db:6379');
    expect(redactUrlPassword('rediss-cluster://app:hunter2@r1:7000,r2:7001')).toBe('rediss-cluster://app:***@r1:7000,r2:7001');
  });
});

describe('secrets in production', () => {
  const strong = (seed: string) => `${seed}-7f3a9c1e5b2d8f4a6c0e9b3d7a1f5c2e8b4d`;
  const production = {
    NODE_ENV: 'production',
    WEBCHAT_TOKEN_SECRET: strong('webchat'),
    AGENT_TOKEN_SECRET: strong('agent'),
    ADMIN_PASSWORD: strong('admin'),
    TELEGRAM_BOT_TOKEN: '123456:bot-token',
    TELEGRAM_WEBHOOK_SECRET: strong('telegram'),
    WHATSAPP_ACCESS_TOKEN: 'whatsapp-access-token',
    WHATSAPP_PHONE_NUMBER_ID: '1234567890',
    WHATSAPP_APP_SECRET: strong('whatsapp'),
    WHATSAPP_VERIFY_TOKEN: 'verify-me',
    METRICS_TOKEN: strong('metrics'),
  };

  it('starts with long, distinct secrets', () => {
    expect(problemsOf(production)).toEqual([]);
  });

  it('refuses each weak secret with a line of its own that never shows the value', () => {
    const weak = {
      ...production,
      WEBCHAT_TOKEN_SECRET: 'x'.repeat(40),
      AGENT_TOKEN_SECRET: production.ADMIN_PASSWORD,
      TELEGRAM_WEBHOOK_SECRET: 'short-but-valid-for-tg',
      WHATSAPP_APP_SECRET: '0123456789abcdef',
      METRICS_TOKEN: production.ADMIN_PASSWORD,
    };
    const problems = problemsOf(weak);
    expect(problems).toHaveLength(5);
    expect(problems).toContainEqual(expect.stringMatching(/^METRICS_TOKEN: has the same value as AGENT_TOKEN_SECRET/));
    expect(problems).toContainEqual(expect.stringMatching(/^WEBCHAT_TOKEN_SECRET: too repetitive/));
    expect(problems).toContainEqual(expect.stringMatching(/^ADMIN_PASSWORD: has the same value as AGENT_TOKEN_SECRET/));
    expect(problems).toContainEqual(expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: must be at least 32 characters/));
    expect(problems).toContainEqual(expect.stringMatching(/^WHATSAPP_APP_SECRET: must be at least 32 characters/));
    const text = problems.join('\n');
    for (const value of Object.values(weak).filter((value) => value.length >= 16)) expect(text).not.toContain(value);
  });

  it('refuses a short admin password', () => {
    expect(problemsOf({ ...production, ADMIN_PASSWORD: 'ops-password-123' })).toEqual([expect.stringMatching(/^ADMIN_PASSWORD: must be at least 32 characters/)]);
  });

  it('keeps development and tests working with short channel secrets and generated token secrets', () => {
    const { config } = loadConfig({ ...production, NODE_ENV: 'development', WEBCHAT_TOKEN_SECRET: '', AGENT_TOKEN_SECRET: '', TELEGRAM_WEBHOOK_SECRET: 'short-but-valid-for-tg', ADMIN_PASSWORD: 'ops-password-123' });
    expect(config.WEBCHAT_TOKEN_SECRET).not.toBe(config.AGENT_TOKEN_SECRET);
    expect(config.AGENT_TOKEN_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('bounds agent sessions at 12 hours unless configured', () => {
    expect(loadConfig({}).config.AGENT_SESSION_MAX_HOURS).toBe(12);
    expect(problemsOf({ AGENT_SESSION_MAX_HOURS: '0' })).toEqual([expect.stringMatching(/^AGENT_SESSION_MAX_HOURS:/)]);
  });
});
