import type { VenueId } from '../venues/types';
import type { ProtocolFault, SimHttpResponse } from './types';

/** Every fault the simulator can play on a venue, from its control endpoint or a test. */
export const FAULTS = [
  'drop',
  'silent',
  'resume',
  'skip-sequence',
  'corrupt-checksum',
  'crossed',
  'malformed',
  'rest-html',
  'rest-429',
  'rest-418',
] as const;
export type Fault = (typeof FAULTS)[number];

export function isFault(value: string): value is Fault {
  return (FAULTS as readonly string[]).includes(value);
}

export function isProtocolFault(fault: Fault): fault is ProtocolFault {
  return fault === 'skip-sequence' || fault === 'corrupt-checksum' || fault === 'crossed';
}

/** The frame a malformed-frame fault sends: JSON cut short, as a truncated write would leave it. */
export const MALFORMED_FRAME = '{"truncated":';

/** The answer a REST fault gives in place of the venue's JSON. */
export function faultResponse(fault: 'rest-html' | 'rest-429' | 'rest-418'): SimHttpResponse {
  switch (fault) {
    case 'rest-html':
      return { status: 200, body: '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>', headers: { 'content-type': 'text/html' } };
    case 'rest-429':
      return { status: 429, body: '{"code":-1003,"msg":"Too many requests."}', headers: { 'retry-after': '2' } };
    case 'rest-418':
      return { status: 418, body: '{"code":-1003,"msg":"Way too many requests; IP banned."}', headers: { 'retry-after': '3' } };
  }
}

/** Faults armed per venue that the transport (not the protocol) plays: silence and the next REST answer. */
export class FaultState {
  private readonly silent = new Set<VenueId>();
  private readonly rest = new Map<VenueId, 'rest-html' | 'rest-429' | 'rest-418'>();

  isSilent(venue: VenueId): boolean {
    return this.silent.has(venue);
  }

  setSilent(venue: VenueId, silent: boolean): void {
    if (silent) this.silent.add(venue);
    else this.silent.delete(venue);
  }

  armRest(venue: VenueId, fault: 'rest-html' | 'rest-429' | 'rest-418'): void {
    this.rest.set(venue, fault);
  }

  /** The armed REST fault's answer, once. */
  takeRest(venue: VenueId): SimHttpResponse | undefined {
    const fault = this.rest.get(venue);
    if (!fault) return undefined;
    this.rest.delete(venue);
    return faultResponse(fault);
  }
}
