import { randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { ConflictError, TooManyRequestsError, UnauthorizedError } from '../errors.js';
import type { HandoffKeys } from './keys.js';
import { Agent, type AgentIdentity } from './schemas.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const KEY_LENGTH = 64;
const MAX_FAILURES = 5;
const LOCKOUT_SECONDS = 15 * 60;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Compared against when the e-mail is unknown, so a login takes as long either way. */
const DUMMY_HASH = `scrypt$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

/** Agents and their password hashes in Redis; logins with a lockout after repeated failures. */
export class AgentStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: HandoffKeys,
  ) {}

  async add(input: { email: string; name: string; password: string }, options: { replace?: boolean } = {}): Promise<AgentIdentity> {
    const key = this.keys.agent(input.email);
    const existing = await this.redis.hget(key, 'id');
    if (existing && !options.replace) throw new ConflictError(`An agent with e-mail ${input.email} already exists.`, 'agent_exists');
    const agent: Agent = {
      id: existing ?? randomUUID(),
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      createdAt: new Date().toISOString(),
    };
    await this.redis.hset(key, agent);
    return { id: agent.id, email: agent.email, name: agent.name };
  }

  async get(email: string): Promise<Agent | undefined> {
    const fields = await this.redis.hgetall(this.keys.agent(email));
    return fields.id ? Agent.parse(fields) : undefined;
  }

  async login(email: string, password: string): Promise<AgentIdentity> {
    const failuresKey = this.keys.loginFailures(email);
    const failures = Number((await this.redis.get(failuresKey)) ?? 0);
    if (failures >= MAX_FAILURES) {
      const ttl = await this.redis.ttl(failuresKey);
      throw new TooManyRequestsError(
        `Too many failed logins for this account. Try again in ${Math.ceil(Math.max(ttl, 60) / 60)} minutes or ask an administrator to reset the password.`,
        'login_locked',
      );
    }
    const agent = await this.get(email);
    const valid = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !valid) {
      await this.redis.multi().incr(failuresKey).expire(failuresKey, LOCKOUT_SECONDS).exec();
      throw new UnauthorizedError('Wrong e-mail or password.', 'invalid_credentials');
    }
    await this.redis.del(failuresKey);
    return { id: agent.id, email: agent.email, name: agent.name };
  }

  /** Marks the agent as having the console open now (for the wait estimate). */
  async seen(agentId: string): Promise<void> {
    await this.redis.zadd(this.keys.onlineAgents, Date.now(), agentId);
  }

  async onlineCount(withinMs = 60_000): Promise<number> {
    return this.redis.zcount(this.keys.onlineAgents, Date.now() - withinMs, '+inf');
  }
}
