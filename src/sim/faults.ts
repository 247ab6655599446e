import type { SimHostId } from './hosts';
import type { ProtocolFault, SimHttpResponse } from './types';

/** Every fault the simulator can play on a host, from its control endpoint or a test. */
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
  'region-block',
  'region-open',
  'rest-cors',
  'rest-cors-open',
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

/** The answer a REST fault gives in place of the host's JSON. */
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

/**
 * How a host's host turns a region away, as it does for US addresses: Binance with HTTP 451 and its
 * restricted-location message, Bybit's CDN with a 403 page. Its WebSocket upgrade gets the same status, which a
 * browser reports as close code 1006 alone.
 */
export function regionRefusal(host: SimHostId): SimHttpResponse {
  if (host === 'bybit') {
    return { status: 403, body: '<!DOCTYPE html><html><body><h1>403 ERROR</h1><p>The request could not be satisfied.</p></body></html>', headers: { 'content-type': 'text/html' } };
  }
  return { status: 451, body: '{"code":0,"msg":"Service unavailable from a restricted location according to \'b. Eligibility\' in https://www.binance.com/en/terms."}' };
}

/** Faults armed per host that the transport (not the protocol) plays: silence, a region block, the next REST answer. */
export class FaultState {
  private readonly silent = new Set<SimHostId>();
  private readonly regionBlocked = new Set<SimHostId>();
  private readonly corsRefused = new Set<SimHostId>();
  private readonly rest = new Map<SimHostId, 'rest-html' | 'rest-429' | 'rest-418'>();

  isSilent(host: SimHostId): boolean {
    return this.silent.has(host);
  }

  setSilent(host: SimHostId, silent: boolean): void {
    if (silent) this.silent.add(host);
    else this.silent.delete(host);
  }

  /** Whether the host turns this region away (its alternative host never does). */
  isRegionBlocked(host: SimHostId): boolean {
    return this.regionBlocked.has(host);
  }

  setRegionBlocked(host: SimHostId, blocked: boolean): void {
    if (blocked) this.regionBlocked.add(host);
    else this.regionBlocked.delete(host);
  }

  /** Whether the host's REST answers leave out the CORS header, so that a browser refuses them to the page. */
  isCorsRefused(host: SimHostId): boolean {
    return this.corsRefused.has(host);
  }

  setCorsRefused(host: SimHostId, refused: boolean): void {
    if (refused) this.corsRefused.add(host);
    else this.corsRefused.delete(host);
  }

  armRest(host: SimHostId, fault: 'rest-html' | 'rest-429' | 'rest-418'): void {
    this.rest.set(host, fault);
  }

  /** The armed REST fault's answer, once. */
  takeRest(host: SimHostId): SimHttpResponse | undefined {
    const fault = this.rest.get(host);
    if (!fault) return undefined;
    this.rest.delete(host);
    return faultResponse(fault);
  }
}
