import { marketOf } from '../catalog/types';
import { bytesToBase64 } from '../feed/decode';
import type { RecordedEvent } from '../feed/recording';
import { FeedSession } from '../feed/session';
import { PROTOCOLS } from '../venues';
import type { Effect, FeedId, VenueProtocol } from '../venues/types';
import type { SimExchange } from './exchange';
import { gzipText } from './gzip';
import { simHostOf } from './hosts';
import { simCatalog } from './listings';
import type { ProtocolFault, SimConnection } from './types';

/** A fault to play before a step: a protocol fault, or a frame the client cannot read. */
export type ScriptedFault = ProtocolFault | 'malformed';

export interface RecordFeedOptions {
  readonly exchange: SimExchange;
  /** The feed to follow, at its market for `base` in the simulator's catalog (src/sim/listings.ts). */
  readonly feed: FeedId;
  readonly base: string;
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
 * Plays one client's conversation with a simulated feed in memory, as the worker would have it over real
 * sockets (the venue's real URLs, its subscribe messages, snapshot requests and resyncs), and records every
 * event in the recording format, each naming the feed and market. Returns the recording, the client's session
 * (whose book can be compared with the simulator's truth) and the faults the venue's protocol could actually carry.
 */
export async function recordSimulatedFeed(
  options: RecordFeedOptions,
): Promise<{ events: RecordedEvent[]; session: FeedSession; played: ScriptedFault[] }> {
  const { exchange, feed, base, steps } = options;
  const protocol = (PROTOCOLS as Partial<Record<FeedId, VenueProtocol>>)[feed];
  const market = marketOf(simCatalog(), feed, base);
  if (!protocol || !market) throw new Error(`${feed} has no ${base} market`);
  const host = simHostOf(feed);
  const sim = exchange.venue(host);
  if (!sim) throw new Error(`no simulator for ${feed}`);
  const owner = { venue: market.venue, feed, symbol: market.symbol };
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
    stream = exchange.connect(host, pathOf(url), send);
    if (!stream) throw new Error(`simulator for ${feed} does not serve ${url}`);
    events.push({ t: now, ...owner, kind: 'open', url, market });
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
              api = exchange.connect(host, pathOf(effect.url), send);
              if (!api) throw new Error(`simulator for ${feed} does not serve ${effect.url}`);
              events.push({ t: now, ...owner, kind: 'open', url: effect.url, market });
            }
            api.receive(effect.text, now);
            break;
          case 'fetch': {
            const u = new URL(effect.url);
            const answer = exchange.rest(host, u.pathname, u.searchParams, now);
            events.push({ t: now, ...owner, kind: 'rest', url: effect.url, status: answer.status, data: answer.body });
            effects.push(...session.rest(effect.url, answer.status, answer.body, now));
            break;
          }
          case 'reconnect':
            if (stream) exchange.disconnect(host, stream);
            events.push({ t: now, ...owner, kind: 'close' });
            session.close();
            inbox.length = 0;
            openStream();
            break;
        }
        continue;
      }
      const text = inbox.shift()!;
      if (sim.gzip) events.push({ t: now, ...owner, kind: 'ws', data64: bytesToBase64(await gzipText(text)) });
      else events.push({ t: now, ...owner, kind: 'ws', data: text });
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
    } else if (fault && exchange.fault(host, fault)) {
      played.push(fault);
    }
    exchange.tick(now, [feed]);
    if (i % 10 === 9) exchange.heartbeat(now);
    await run();
  }
  return { events, session, played };
}
