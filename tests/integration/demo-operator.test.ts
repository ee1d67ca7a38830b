import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { PlayerProfile } from '../../src/core/player.js';
import { IdentityVerifier } from '../../src/identity/index.js';
import { runCli } from '../helpers/cli.js';

let demo: ChildProcess | undefined;
afterAll(() => {
  demo?.kill();
});

/** Starts `npm run demo:operator` on a free port and returns what it printed once it is ready. */
async function startDemo(): Promise<string> {
  const child = spawn('node_modules/.bin/tsx', ['src/cli/demo-operator.ts', '--port', '0', '--gateway', 'http://gateway.test'], { env: { PATH: process.env.PATH } });
  demo = child;
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('Ctrl-C stops the demo') && resolve());
    child.on('exit', (code) => reject(new Error(`demo:operator exited with ${code}: ${out}`)));
  });
  return out;
}

describe('npm run demo:operator', () => {
  it('serves players by the player API contract and prints, for each, the gateway command and a signed-in chat link', async () => {
    const out = await startDemo();
    const [, secret, url, token] = /IDENTITY_SECRET=(\S+) PLAYER_API_URL=(\S+) PLAYER_API_TOKEN=(\S+) npm start/.exec(out) ?? [];
    expect(secret && url && token).toBeTruthy();
    const links = [...out.matchAll(/http:\/\/gateway\.test\/chat\?locale=(\w+)#identity=(\S+)/g)];
    expect(links.map((link) => link[1])).toEqual(['az', 'ru', 'en']);

    const verifier = new IdentityVerifier(secret!);
    for (const [, , identity] of links) {
      const { id } = verifier.verify(identity!);
      const answer = await fetch(`${url}/players/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      expect(PlayerProfile.parse(await answer.json()).id).toBe(id);
    }
    expect((await fetch(`${url}/players/p-1001`)).status).toBe(401);
    expect((await fetch(`${url}/players/nobody`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const lowered = await fetch(`${url}/players/p-1001/limits`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ depositDaily: 50 }) });
    expect(((await lowered.json()) as { depositDaily: number }).depositDaily).toBe(50);
  });

  it('explains itself with --help and refuses a bad port with its usage', async () => {
    const help = await runCli('demo-operator', ['--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/usage: npm run demo:operator/);
    const bad = await runCli('demo-operator', ['--port', 'abc'], {});
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a port number/);
  });
});
