import { defineConfig } from 'vitest/config';

/** The layout benchmark: a timed script printed to the console, not part of `test`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.test.ts'],
    disableConsoleIntercept: true,
    reporters: ['dot'],
  },
});
