import type { ProtocolFault } from './types';

/** The protocol faults a simulated connection was asked to play, each once, on a later update. */
export class ArmedFaults {
  private readonly supported: readonly ProtocolFault[];
  private readonly armed = new Set<ProtocolFault>();

  /** `supported`: what the venue's protocol can carry (sequence ids to skip, checksums to corrupt, levels to cross). */
  constructor(supported: readonly ProtocolFault[]) {
    this.supported = supported;
  }

  /** Arms a fault; false when the protocol has no such thing. */
  arm(fault: ProtocolFault): boolean {
    if (!this.supported.includes(fault)) return false;
    this.armed.add(fault);
    return true;
  }

  /** True once after `fault` was armed: the caller plays it now. */
  take(fault: ProtocolFault): boolean {
    return this.armed.delete(fault);
  }
}
