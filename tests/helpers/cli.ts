import { spawn } from 'node:child_process';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/cli/<script>.ts` as `npm run` does (tsx, its own process), with only `env` (and PATH) for environment. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn('node_modules/.bin/tsx', [`src/cli/${script}.ts`, ...args], { env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
