import { randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { ConflictError, NotFoundError, UnauthorizedError } from '../errors.js';
import { scanKeys } from '../redis.js';
import type { HandoffKeys } from './keys.js';
import { LoginThrottle } from './login-throttle.js';
import { Agent, type AgentGender, type AgentProfile, DEFAULT_MAX_CHATS, type Presence } from './schemas.js';

/** An agent counts as online while their console has been seen within this time (it beats every few seconds). */
const ONLINE_WITHIN_MS = 60_000;

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const KEY_LENGTH = 64;

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

/**
 * Creates the agent, or (with replace) sets a new name and password; either way the token version is
 * bumped and announced, so every session of the old password ends. Keeps the id and creation time of
 * an existing agent. Returns 0 when the agent exists and replace was not asked for. An empty gender
 * (ARGV[12]) removes one set before.
 */
const SAVE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 and ARGV[1] ~= '1' then return 0 end
redis.call('HSETNX', KEYS[1], 'id', ARGV[3])
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[4])
redis.call('HSET', KEYS[1], 'email', ARGV[5], 'name', ARGV[6], 'passwordHash', ARGV[7], 'languages', ARGV[8], 'teams', ARGV[9], 'role', ARGV[10], 'maxChats', ARGV[11])
if ARGV[12] == '' then redis.call('HDEL', KEYS[1], 'gender') else redis.call('HSET', KEYS[1], 'gender', ARGV[12]) end
redis.call('PUBLISH', ARGV[2], redis.call('HINCRBY', KEYS[1], 'tokenVersion', 1))
return 1
`;

/** Sets one field of an existing agent (never creates a record). */
const SET_IF_EXISTS_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** Deletes the agent and announces it, so their open streams close at once. */
const REMOVE_SCRIPT = `
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
redis.call('PUBLISH', ARGV[1], 'removed')
return 1
`;

/** What decides whether a token is still good: the agent's id (new after removal and re-adding) and token version. */
export interface AgentCredentialState {
  id: string;
  tokenVersion: number;
}

/** Agents and their password hashes in Redis; logins throttled per (e-mail, address). */
export class AgentStore {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly redis: Redis,
    private readonly keys: HandoffKeys,
  ) {
    this.throttle = new LoginThrottle(redis, keys);
  }

  /** Adds an agent; with `replace`, resets an existing agent's name, password, gender and profile and ends their sessions. */
  async add(input: { email: string; name: string; password: string; gender?: AgentGender } & Partial<AgentProfile>, options: { replace?: boolean } = {}): Promise<Agent> {
    const email = input.email.toLowerCase();
    const saved = await this.redis.eval(
      SAVE_SCRIPT,
      1,
      this.keys.agent(email),
      options.replace ? '1' : '0',
      this.keys.agentSessionEvents(email),
      randomUUID(),
      new Date().toISOString(),
      email,
      input.name,
      await hashPassword(input.password),
      (input.languages ?? []).join(','),
      (input.teams ?? []).join(','),
      input.role ?? 'agent',
      input.maxChats ?? DEFAULT_MAX_CHATS,
      input.gender ?? '',
    );
    if (!saved) throw new ConflictError(`An agent with e-mail ${email} already exists; add --replace to set a new name and password.`, 'agent_exists');
    return (await this.get(email))!;
  }

  /** The agent, or 404 `agent_not_found`. */
  async require(email: string): Promise<Agent> {
    const agent = await this.get(email);
    if (!agent) throw noSuchAgent(email);
    return agent;
  }

  async get(email: string): Promise<Agent | undefined> {
    const fields = await this.redis.hgetall(this.keys.agent(email));
    return fields.id ? Agent.parse(fields) : undefined;
  }

  /**
   * The agent with this id among those whose console is open now (tickets name their holder by id,
   * records are kept by e-mail): whoever just claimed or was handed a ticket has theirs open. Looking
   * among all agents would scan every key, so a claim would cost more the longer the queue.
   */
  async withId(id: string): Promise<Agent | undefined> {
    const open = await Promise.all([...(await this.consolesOpen())].map((email) => this.get(email)));
    return open.find((agent) => agent?.id === id);
  }

  /** One read, made on every authenticated agent request. */
  async credentialState(email: string): Promise<AgentCredentialState | undefined> {
    const [id, version] = await this.redis.hmget(this.keys.agent(email), 'id', 'tokenVersion');
    return id ? { id, tokenVersion: Number(version ?? 0) } : undefined;
  }

  /** Removes the agent; their tokens stop working at once. */
  async remove(email: string): Promise<void> {
    const removed = await this.redis.eval(REMOVE_SCRIPT, 1, this.keys.agent(email), this.keys.agentSessionEvents(email));
    if (!removed) throw noSuchAgent(email);
  }

  /** Every agent, oldest first. */
  async list(): Promise<Agent[]> {
    const agents: Agent[] = [];
    for await (const keys of scanKeys(this.redis, this.keys.agentPattern)) {
      // A key of another type under the pattern is not an agent: skipped, like a record that does not parse.
      const records = await Promise.all(keys.map((key) => this.redis.hgetall(key).catch(() => ({}))));
      for (const fields of records) {
        const agent = Agent.safeParse(fields);
        if (agent.success) agents.push(agent.data);
      }
    }
    return agents.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Checks the password (at most a few tries per e-mail and address); returns the agent with their token version. */
  async login(email: string, password: string, ip: string): Promise<Agent> {
    await this.throttle.attempt(email, ip);
    const agent = await this.get(email);
    const valid = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !valid) throw new UnauthorizedError('Wrong e-mail or password.', 'invalid_credentials');
    await this.throttle.succeeded(email, ip);
    return agent;
  }

  /** Marks the agent as having the console open now. */
  async seen(email: string): Promise<void> {
    await this.redis.zadd(this.keys.onlineAgents, Date.now(), email.toLowerCase());
  }

  /** Online or away; away agents keep their tickets but get no alerts and count for no wait estimate. */
  async setPresence(email: string, presence: Presence): Promise<void> {
    const updated = await this.redis.eval(SET_IF_EXISTS_SCRIPT, 1, this.keys.agent(email), 'presence', presence);
    if (!updated) throw noSuchAgent(email);
  }

  /** The agents online now: present, with a console seen within the last minute. */
  async online(): Promise<Agent[]> {
    const agents = await Promise.all([...(await this.consolesOpen())].map((email) => this.get(email)));
    return agents.filter((agent): agent is Agent => agent?.presence === 'online');
  }

  /** The e-mails of the agents whose console is open now (seen within the last minute), present or away. */
  async consolesOpen(): Promise<Set<string>> {
    return new Set(await this.redis.zrangebyscore(this.keys.onlineAgents, Date.now() - ONLINE_WITHIN_MS, '+inf'));
  }
}

function noSuchAgent(email: string): NotFoundError {
  return new NotFoundError(`There is no agent with e-mail ${email.toLowerCase()}.`, 'agent_not_found');
}
