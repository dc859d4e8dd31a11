/**
 * The sandbox clock: real time plus an offset that can only move forward. Installed over the global
 * `Date`, so the app's handlers (which read `Date.now()` like any Forge function) see sandbox time
 * without knowing the sandbox exists.
 */
export class SandboxClock {
  private offsetMs: number;
  private readonly realNow: () => number;

  constructor(offsetMs = 0, realNow: () => number = RealDate.now) {
    this.offsetMs = offsetMs;
    this.realNow = realNow;
  }

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock to `at` if that is later than now; time never runs backwards in the sandbox. */
  moveTo(at: number): void {
    const delta = at - this.now();
    if (delta > 0) this.offsetMs += delta;
  }
}

/** The real Date, captured before any patching. */
export const RealDate: DateConstructor = globalThis.Date;

let installed: SandboxClock | null = null;

/** Replaces the global Date with one that reads `clock`. Idempotent; returns a function that restores it. */
export function installClock(clock: SandboxClock): () => void {
  installed = clock;
  if (globalThis.Date !== RealDate) return uninstall;
  const SandboxDate = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(installed ? installed.now() : RealDate.now()).toString();
    return args.length === 0
      ? new RealDate(installed ? installed.now() : RealDate.now())
      : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(SandboxDate, RealDate);
  (SandboxDate as { prototype: Date }).prototype = RealDate.prototype;
  SandboxDate.now = () => (installed ? installed.now() : RealDate.now());
  globalThis.Date = SandboxDate;
  return uninstall;
}

function uninstall(): void {
  installed = null;
  globalThis.Date = RealDate;
}
