import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { SupportHours, SupportHoursError } from './core/support-hours.js';
import { isCountryCode } from './core/phone.js';
import { parseReasonTeams } from './core/teams.js';
import { parseRedisTarget } from './redis.js';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const secret = (minLength: number) =>
  optionalString.refine((v) => v === undefined || v.length >= minLength, {
    message: `must be at least ${minLength} characters long`,
  });

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const graphApiVersion = z.string().trim().regex(/^v\d+\.\d+$/, 'must look like v21.0').default('v21.0');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  REDIS_URL: z
    .string()
    .trim()
    .default('redis://127.0.0.1:6379')
    .refine((url) => parseRedisTarget(url) !== undefined, {
      error: 'must be a redis:// or rediss:// URL, redis-cluster://host:port,host:port (Cluster seed nodes) or redis-sentinel://host:port,host:port/<master name>',
    }),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:{}-]*:$/, 'must be letters, digits, "_", "-", ".", ":" or a {hash tag}, ending with ":"')
    .default('pitboss:'),
  WEBCHAT_TOKEN_SECRET: secret(32),
  WEBCHAT_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
  AGENT_TOKEN_SECRET: secret(32),
  AGENT_TOKEN_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  AGENT_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  HANDOFF_LOCK_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  HANDOFF_STALLED_CHECK_SECONDS: z.coerce.number().min(0.5).max(600).default(15),
  HANDOFF_ALERT_SECONDS: z.coerce.number().min(1).max(24 * 3600).default(120),
  HANDOFF_TEAMS: z
    .string()
    .default('')
    .transform((text, context) => {
      const parsed = parseReasonTeams(text);
      if ('teams' in parsed) return parsed.teams;
      context.addIssue({ code: 'custom', message: `${parsed.error}; write reason:team pairs, e.g. responsible_gambling:rg,dispute:complaints` });
      return z.NEVER;
    }),
  SUPPORT_HOURS: optionalString.superRefine((text, context) => {
    if (text === undefined) return;
    try {
      SupportHours.parse(text);
    } catch (error) {
      if (!(error instanceof SupportHoursError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
    }
  }),
  /** The country of numbers players write without a country code, for phone callbacks (e.g. AZ); unset: they must write it. */
  PHONE_DEFAULT_COUNTRY: optionalString
    .transform((code) => code?.toUpperCase())
    .refine((code) => code === undefined || isCountryCode(code), { message: 'must be a two-letter country code with a phone numbering plan, e.g. AZ, TR, GB' }),
  ADMIN_USER: z.string().trim().min(1).default('admin'),
  ADMIN_PASSWORD: secret(12),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{16,256}$/.test(v), {
    message: 'must be 16–256 letters, digits, "_" or "-" (Telegram allows only these)',
  }),
  TELEGRAM_API_ROOT: z.string().trim().default('https://api.telegram.org').pipe(z.url({ protocol: /^https?$/ })),
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_PHONE_NUMBER_ID: optionalString.refine((v) => v === undefined || /^\d+$/.test(v), { message: 'must be the numeric phone number id' }),
  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_API_ROOT: z.string().trim().default('https://graph.facebook.com').pipe(z.url({ protocol: /^https?$/ })),
  WHATSAPP_API_VERSION: graphApiVersion,
  MESSENGER_PAGE_TOKEN: optionalString,
  INSTAGRAM_PAGE_TOKEN: optionalString,
  META_APP_SECRET: optionalString,
  META_VERIFY_TOKEN: optionalString,
  META_API_ROOT: z.string().trim().default('https://graph.facebook.com').pipe(z.url({ protocol: /^https?$/ })),
  META_API_VERSION: graphApiVersion,
  WIDGET_COLOR: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb, e.g. #0b6e4f').default('#0b6e4f'),
  WIDGET_LOGO_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be the http(s):// address of the logo image' }).optional()),
  SMTP_PORT: optionalString.transform((v) => (v === undefined ? undefined : Number(v))).pipe(z.number().int().min(0).max(65535).optional()),
  SMTP_HOST: z.string().trim().min(1).default('0.0.0.0'),
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@relay.example:587' }).optional()),
  EMAIL_FROM: optionalString.pipe(z.string().regex(/^[^<>]*<?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'must be an address, e.g. "Demo Casino Support <support@demo.example>"').optional()),
  CHANNEL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  MAILBOX_LOCK_SECONDS: z.coerce.number().min(1).max(600).default(30),
  TURN_LOCK_SECONDS: z.coerce.number().min(1).max(600).default(10),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OPENAI_CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  LLM_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  LLM_BREAKER_OPEN_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
  KNOWLEDGE_WATCH: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  ANSWER_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.3),
  PROMPTS_DIR: z.string().trim().min(1).default('prompts'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
  TRUST_PROXY: boolFlag,
  WEBCHAT_SESSIONS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  WEBCHAT_MESSAGES_PER_CONVERSATION_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  LIVE_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(72),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional()),
  DATABASE_SCHEMA: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain PostgreSQL name: lower-case letters, digits and "_"')
    .default('public'),
  DATA_DIR: z.string().trim().min(1).default('data'),
  S3_BUCKET: optionalString,
  S3_PREFIX: z.string().trim().default('attachments/'),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  S3_FORCE_PATH_STYLE: boolFlag,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  RECORD_DRAIN_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(1825),
  UNCLAIMED_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  SSE_MAX_STREAMS_PER_CONVERSATION: z.coerce.number().int().min(1).max(1000).default(8),
  SSE_MAX_STREAMS_PER_AGENT: z.coerce.number().int().min(1).max(1000).default(8),
  IDENTITY_SECRET: secret(32),
  PLAYER_API_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()).transform((url) => url?.replace(/\/+$/, '')),
  PLAYER_API_TOKEN: optionalString,
  PLAYER_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  PLAYER_API_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(30),
  METRICS_TOKEN: secret(32),
  METRICS_HOST: optionalString,
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
});

type RawConfig = z.infer<typeof configSchema>;
const generatedInDevelopment = ['WEBCHAT_TOKEN_SECRET', 'AGENT_TOKEN_SECRET'] as const;
export type GeneratedSecret = (typeof generatedInDevelopment)[number];
export type Config = Omit<RawConfig, GeneratedSecret> & Record<GeneratedSecret, string>;

export interface LoadedConfig {
  config: Config;
  /** Things worth a warning in the start-up log (never containing secret values). */
  warnings: string[];
  /** Secrets that were not set and were generated (development only; see `keepGeneratedSecrets`). */
  generated: GeneratedSecret[];
}

/**
 * A channel is on when all of its credentials are set, off when none are; half is a mistake.
 * Messenger and Instagram share the Meta app's secrets: each is on with its own page token.
 */
export const channelVariables = {
  telegram: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
  whatsapp: ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
  email: ['SMTP_PORT', 'SMTP_URL', 'EMAIL_FROM'],
  messenger: ['MESSENGER_PAGE_TOKEN', 'META_APP_SECRET', 'META_VERIFY_TOKEN'],
  instagram: ['INSTAGRAM_PAGE_TOKEN', 'META_APP_SECRET', 'META_VERIFY_TOKEN'],
} as const;
type ChannelVariable = (typeof channelVariables)[keyof typeof channelVariables][number];

/** One line per half-configured channel, and one for shared credentials set while no channel using them is. */
function halfConfiguredChannels(raw: RawConfig): string[] {
  const channels = Object.entries(channelVariables) as Array<[string, readonly ChannelVariable[]]>;
  const usersOf = (name: ChannelVariable) => channels.filter(([, names]) => names.includes(name)).map(([channel]) => channel);
  const ownOf = (names: readonly ChannelVariable[]) => names.filter((name) => usersOf(name).length === 1);
  const isSet = (name: ChannelVariable) => raw[name] !== undefined;
  // A channel is wanted once one of its own variables is set: shared ones alone do not say which channel.
  const wanted = channels.filter(([, names]) => ownOf(names).some(isSet));
  const problems = wanted
    .filter(([, names]) => !names.every(isSet))
    .map(([channel, names]) => `${channel}: set all of ${names.join(', ')} to turn it on (missing ${names.filter((n) => !isSet(n)).join(', ')})`);
  const sharedAlone = [...new Set(channels.flatMap(([, names]) => names))].filter(
    (name) => usersOf(name).length > 1 && isSet(name) && !wanted.some(([channel]) => usersOf(name).includes(channel)),
  );
  if (sharedAlone.length > 0) {
    const users = [...new Set(sharedAlone.flatMap(usersOf))];
    const tokens = channels.filter(([channel]) => users.includes(channel)).flatMap(([, names]) => ownOf(names));
    problems.push(`${sharedAlone.join(', ')}: set, but they turn on nothing alone; set ${tokens.join(' and/or ')} to turn on ${users.join(' and/or ')}, or unset them`);
  }
  return problems;
}

const requiredOutsideDevelopment = ['WEBCHAT_TOKEN_SECRET', 'AGENT_TOKEN_SECRET'] as const;

/** In production each of these, when set, must be long, not repetitive, and different from the others. */
const productionSecrets = ['WEBCHAT_TOKEN_SECRET', 'AGENT_TOKEN_SECRET', 'TELEGRAM_WEBHOOK_SECRET', 'WHATSAPP_APP_SECRET', 'META_APP_SECRET', 'ADMIN_PASSWORD', 'METRICS_TOKEN', 'IDENTITY_SECRET', 'PLAYER_API_TOKEN'] as const;
const STRONG_SECRET_LENGTH = 32;
const STRONG_SECRET_DISTINCT_CHARACTERS = 8;

/** One line per weak secret; never prints a value. */
function weakSecretProblems(raw: RawConfig): string[] {
  const problems: string[] = [];
  const firstWithValue = new Map<string, string>();
  const advice = 'generate one with `openssl rand -hex 32`';
  for (const name of productionSecrets) {
    const value = raw[name];
    if (value === undefined) continue;
    if (value.length < STRONG_SECRET_LENGTH) {
      problems.push(`${name}: must be at least ${STRONG_SECRET_LENGTH} characters when NODE_ENV=production; ${advice}`);
    } else if (new Set(value).size < STRONG_SECRET_DISTINCT_CHARACTERS) {
      problems.push(`${name}: too repetitive (fewer than ${STRONG_SECRET_DISTINCT_CHARACTERS} different characters) for NODE_ENV=production; ${advice}`);
    }
    const twin = firstWithValue.get(value);
    if (twin) problems.push(`${name}: has the same value as ${twin}; every secret needs its own value (${advice})`);
    else firstWithValue.set(value, name);
  }
  return problems;
}

/** Parses the environment; throws ConfigError with one line per bad or missing value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const raw = parsed.data;
  const warnings: string[] = [];
  const problems: string[] = [];
  for (const name of requiredOutsideDevelopment) {
    if (raw[name] === undefined && raw.NODE_ENV === 'production') {
      problems.push(`${name}: required when NODE_ENV=production`);
    }
  }
  if (raw.NODE_ENV === 'production') problems.push(...weakSecretProblems(raw));
  if (raw.NODE_ENV === 'production' && raw.METRICS_TOKEN === undefined && raw.METRICS_HOST === undefined) {
    problems.push('METRICS_TOKEN or METRICS_HOST: required when NODE_ENV=production, or /metrics is public (a token scrapers send as Bearer, or a private address for a metrics-only listener, e.g. 127.0.0.1)');
  }
  problems.push(...halfConfiguredChannels(raw));
  if ((raw.S3_ACCESS_KEY_ID === undefined) !== (raw.S3_SECRET_ACCESS_KEY === undefined)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither (the SDK then finds credentials itself)');
  }
  if (raw.PLAYER_API_URL !== undefined && raw.PLAYER_API_TOKEN === undefined) {
    problems.push('PLAYER_API_TOKEN: required when PLAYER_API_URL is set (the bearer token your player API expects)');
  }
  if (raw.PLAYER_API_URL !== undefined && raw.IDENTITY_SECRET === undefined) {
    problems.push('IDENTITY_SECRET: required when PLAYER_API_URL is set, or no player can be verified (the key your site signs player tokens with; generate one with `openssl rand -hex 32`)');
  }
  if (parseRedisTarget(raw.REDIS_URL)?.kind === 'cluster' && !/\{[^{}]+\}/.test(raw.REDIS_PREFIX)) {
    problems.push('REDIS_PREFIX: must carry a hash tag on Redis Cluster, e.g. {pitboss}:, so that each transition script and BullMQ find their keys in one slot');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const secrets = {} as Record<GeneratedSecret, string>;
  const generated: GeneratedSecret[] = [];
  for (const name of generatedInDevelopment) {
    const value = raw[name];
    if (value !== undefined) {
      secrets[name] = value;
      continue;
    }
    secrets[name] = randomBytes(32).toString('base64url');
    generated.push(name);
    warnings.push(`${name} is not set: a generated one is kept in Redis for development, so chats survive a restart. Set it in .env for anything else.`);
  }
  if (raw.ADMIN_PASSWORD === undefined) warnings.push('ADMIN_PASSWORD is not set: the queue dashboard at /admin/queues is off.');
  return { config: { ...raw, ...secrets }, warnings, generated };
}
