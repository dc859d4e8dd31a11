import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../sandbox/cli';

/** `npm start`'s options for production conditions (the process itself is tested in npm-start.test.ts). */
describe('npm start -- --production-conditions', () => {
  it('is off by default, on with the flag, with a seed when one is given', () => {
    expect(parseArgs([]).productionConditions).toBe(false);
    expect(parseArgs(['--production-conditions'])).toMatchObject({ productionConditions: true, seed: null });
    expect(parseArgs(['--production-conditions', '--seed', '42'])).toMatchObject({
      productionConditions: true,
      seed: 42,
    });
  });

  it('refuses a seed without the mode, or one that is not a whole number, naming the option', () => {
    expect(() => parseArgs(['--seed', '42'])).toThrow('--seed goes with --production-conditions');
    expect(() => parseArgs(['--production-conditions', '--seed', 'x'])).toThrow('--seed must be a whole number');
    expect(() => parseArgs(['--production-conditions', '--seed', '-1'])).toThrow('--seed must be a whole number');
    expect(() => parseArgs(['--production-conditions', '--seed'])).toThrow('--seed needs a value');
  });
});
