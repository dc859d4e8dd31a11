import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import Stub from '../../static/shared/feature-gates-stub';

interface Gates {
  checkGate(name: string): boolean;
  getExperimentValue<T>(experiment: string, parameter: string, defaultValue: T): T;
  initializeCompleted(): boolean;
}

describe('feature-gates stub', () => {
  it('answers as the real client does when nobody initialises it (as in a Forge iframe)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const require = createRequire(import.meta.url);
    const real = (require('@atlaskit/feature-gate-js-client/feature-gates') as { default: Gates }).default;
    for (const gate of ['platform_design_system_team_portal_logic_r18_fix', 'platform-visual-refresh-icons', 'x']) {
      expect(Stub.checkGate(gate), gate).toBe(real.checkGate(gate));
    }
    for (const fallback of [false, true, 'yellow', 3]) {
      expect(Stub.getExperimentValue('exp', 'isEnabled', fallback)).toBe(
        real.getExperimentValue('exp', 'isEnabled', fallback),
      );
    }
    expect(Stub.initializeCompleted()).toBe(real.initializeCompleted());
    vi.restoreAllMocks();
  });
});
