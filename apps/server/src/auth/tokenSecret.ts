import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in DATA_DIR holding the generated signing secret when TOKEN_SECRET is not set. */
export const TOKEN_SECRET_FILE = 'token-secret';

/**
 * The key invite tokens are signed with: TOKEN_SECRET when configured, else 32 random bytes
 * generated once into DATA_DIR/token-secret (mode 0600) and read back on every start, so links
 * stay valid across restarts. Several processes sharing a database must share TOKEN_SECRET.
 */
export function loadTokenSecret(configured: string | null, dataDir: string): Buffer {
  if (configured !== null) return Buffer.from(configured, 'utf8');
  const file = join(dataDir, TOKEN_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': never overwrite a secret another process or an earlier start wrote.
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(secret)) {
    throw new Error(`${file} does not hold a 64-digit hex secret; remove it to generate a new one`);
  }
  return Buffer.from(secret, 'hex');
}
