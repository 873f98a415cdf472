import { describe } from 'vitest';
import { PostgresStorage } from './PostgresStorage';
import { describeStorageConformance } from './storageConformance';

// The only test-side reader of DATABASE_URL; unset, the suite is skipped and says so.
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.log('PostgresStorage tests skipped: DATABASE_URL is not set');

describe.skipIf(!DATABASE_URL)('PostgresStorage', () => {
  describeStorageConformance('PostgresStorage', {
    open: () => PostgresStorage.open(DATABASE_URL!, 4),
    reopen: () => PostgresStorage.open(DATABASE_URL!, 4),
  });
});
