import { bytesToBase64 } from '../feed/decode';
import type { RecordedEvent } from '../feed/recording';
import { FeedSession } from '../feed/session';
import { PROTOCOLS } from '../venues';
import type { BaseAsset } from '../venues/assets';
import type { Effect, VenueId } from '../venues/types';
import type { SimExchange } from './exchange';
import { gzipText } from './gzip';
import type { ProtocolFault, SimConnection } from './types';

/** A fault to play before a step: a protocol fault, or a frame the client cannot read. */
export type ScriptedFault = ProtocolFault | 'malformed';

export interface RecordFeedOptions {
  readonly exchange: SimExchange;
  readonly venue: VenueId;
  readonly base: BaseAsset;
  /** Market steps to run after connecting. */
  readonly steps: number;
  /** Faults to play, by step number. */
  readonly faults?: ReadonlyMap<number, ScriptedFault>;
  readonly snapshotVia?: 'rest' | 'api';
  readonly startTime?: number;
  readonly stepMs?: number;
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/**
 * Plays one client's conversation with a simulated venue in memory, as the worker would have it over real
 * sockets (the venue's real URLs, its subscribe messages, snapshot requests and resyncs), and records every
 * event in the recording format. Returns the recording, the client's session (whose book can be compared
 * with the simulator's truth) and the faults the venue's protocol could actually carry.
 */
export async function recordSimulatedFeed(
  options: RecordFeedOptions,
): Promise<{ events: RecordedEvent[]; session: FeedSession; played: ScriptedFault[] }> {
  const { exchange, venue, base, steps } = options;
  const protocol = PROTOCOLS[venue];
  const market = protocol?.market(base);
  if (!protocol || !market) throw new Error(`${venue} has no ${base} market`);
  const sim = exchange.venue(venue);
  if (!sim) throw new Error(`no simulator for ${venue}`);
  const session = new FeedSession(protocol, market, { snapshotVia: options.snapshotVia });
  const events: RecordedEvent[] = [];
  const stepMs = options.stepMs ?? 100;
  let now = options.startTime ?? 1_764_000_000_000;
  const inbox: string[] = [];
  const send = (text: string): void => {
    inbox.push(text);
  };

  let stream: SimConnection | undefined;
  let api: SimConnection | undefined;
  const effects: Effect[] = [];
  const played: ScriptedFault[] = [];

  const openStream = (): void => {
    const url = protocol.streamUrl(market, protocol.endpoints);
    stream = exchange.connect(venue, pathOf(url), send);
    if (!stream) throw new Error(`simulator for ${venue} does not serve ${url}`);
    events.push({ t: now, venue, kind: 'open', url, symbol: market.symbol });
    effects.push(...session.open());
  };

  const run = async (): Promise<void> => {
    while (effects.length || inbox.length) {
      const effect = effects.shift();
      if (effect) {
        switch (effect.type) {
          case 'send':
            stream?.receive(effect.text, now);
            break;
          case 'api':
            if (!api) {
              api = exchange.connect(venue, pathOf(effect.url), send);
              if (!api) throw new Error(`simulator for ${venue} does not serve ${effect.url}`);
              events.push({ t: now, venue, kind: 'open', url: effect.url, symbol: market.symbol });
            }
            api.receive(effect.text, now);
            break;
          case 'fetch': {
            const u = new URL(effect.url);
            const answer = exchange.rest(venue, u.pathname, u.searchParams);
            events.push({ t: now, venue, kind: 'rest', url: effect.url, status: answer.status, data: answer.body });
            effects.push(...session.rest(effect.url, answer.status, answer.body, now));
            break;
          }
          case 'reconnect':
            if (stream) exchange.disconnect(venue, stream);
            events.push({ t: now, venue, kind: 'close' });
            session.close();
            inbox.length = 0;
            openStream();
            break;
        }
        continue;
      }
      const text = inbox.shift()!;
      if (sim.gzip) events.push({ t: now, venue, kind: 'ws', data64: bytesToBase64(await gzipText(text)) });
      else events.push({ t: now, venue, kind: 'ws', data: text });
      effects.push(...session.frame(text, now));
    }
  };

  openStream();
  await run();
  for (let i = 0; i < steps; i++) {
    now += stepMs;
    const fault = options.faults?.get(i);
    if (fault === 'malformed') {
      send('{"truncated":');
      played.push(fault);
    } else if (fault && exchange.fault(venue, fault)) {
      played.push(fault);
    }
    exchange.tick(now, [venue]);
    if (i % 10 === 9) exchange.heartbeat(now);
    await run();
  }
  return { events, session, played };
}
