import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

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
