import { FeedSession, type FeedStats } from '../../src/feed/session';
import type { SimExchange } from '../../src/sim/exchange';
import type { SimConnection } from '../../src/sim/types';
import { marketOf } from '../../src/catalog/types';
import { simHostOf } from '../../src/sim/hosts';
import { simCatalog } from '../../src/sim/listings';
import type { Effect, VenueProtocol } from '../../src/venues/types';
import { Planter, type Delivery, type Plant } from './plant';
import { ReferenceBook } from './reference-book';

export interface PlantedFeedOptions {
  readonly exchange: SimExchange;
  /** The venue's protocol, or a variant of it (a smaller snapshot). */
  readonly protocol: VenueProtocol;
  readonly base: string;
  readonly snapshotVia?: 'rest' | 'api';
  /**
   * Steps a request venue's snapshot answer takes to arrive (0: at once). The venue builds it when asked and the
   * stream goes on meanwhile, so the diffs held for it are applied on top of it when it comes.
   */
  readonly snapshotDelaySteps?: number;
  /** Steps during which plants are made, then steps with none, for the book to come back. */
  readonly steps: number;
  readonly cleanSteps: number;
  readonly plants: readonly Plant[];
  /** Called after the session took each delivery. */
  readonly afterDelivery: (d: Delivery, seen: AfterDelivery) => void;
}

/** What a check after a delivery can look at: the session, the reference, and the session's state before. */
export interface AfterDelivery {
  readonly session: FeedSession;
  readonly reference: ReferenceBook;
  readonly before: FeedStats;
  readonly wasLive: boolean;
}

export interface PlantedFeed {
  readonly session: FeedSession;
  readonly reference: ReferenceBook;
  readonly finalStep: number;
}

/** Snapshot requests a step may make after answers went missing, before the session is deemed stuck. */
const RETRIES_PER_STEP = 5;
const STEP_MS = 100;

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/**
 * Plays a client session against a simulated venue in memory, as `recordSimulatedFeed` does (the venue's real
 * URLs, subscriptions, snapshot requests, resubscribes and reconnects), with planted frames handed to the session
 * in place of or beside real ones. Every message is tagged with the market step it was sent at, and the
 * simulator's book at every step kept, so that a reference can say what the client must show after each one.
 */
export function playPlantedFeed(options: PlantedFeedOptions): PlantedFeed {
  const { exchange, protocol } = options;
  const feed = protocol.id;
  const market = marketOf(simCatalog(), feed, options.base);
  if (!market) throw new Error(`${protocol.name} has no ${options.base} market`);
  const host = simHostOf(feed);
  const session = new FeedSession(protocol, market, { snapshotVia: options.snapshotVia });
  const reference = new ReferenceBook(feed, protocol.snapshotLevels);
  const planter = new Planter(protocol, reference, options.plants);
  const truth = exchange.market(feed, market.symbol)!;

  let step = 0;
  let now = 1_764_000_000_000;
  let retries = 0;
  const inbox: { text: string; step: number }[] = [];
  const send = (text: string): void => void inbox.push({ text, step });
  /** Snapshot answers on their way, in the order they arrive. */
  const answers: { due: number; arrive: () => void }[] = [];
  const delay = options.snapshotDelaySteps ?? 0;
  const later = (arrive: () => void): void => {
    if (delay === 0) arrive();
    else answers.push({ due: step + delay, arrive });
  };
  const sendLater = (text: string): void => {
    const sent = { text, step };
    later(() => inbox.push(sent));
  };
  const effects: Effect[] = [];
  let stream: SimConnection | undefined;
  let api: SimConnection | undefined;

  const connect = (url: string, deliver = send): SimConnection => {
    const conn = exchange.connect(host, pathOf(url), deliver);
    if (!conn) throw new Error(`the simulator for ${feed} does not serve ${url}`);
    return conn;
  };
  const openStream = (): void => {
    stream = connect(protocol.streamUrl(market, protocol.endpoints));
    planter.connected();
    effects.push(...session.open());
  };
  const deliver = (d: Delivery): void => {
    const stats = session.stats;
    const before = { ...stats, checksums: { ...stats.checksums }, resyncReasons: { ...stats.resyncReasons } };
    const wasLive = session.state === 'live';
    effects.push(...(d.via === 'ws' ? session.frame(d.text, now) : session.rest(d.url!, 200, d.text, now)));
    if (d.step !== undefined) reference.took(d.step, d.text);
    options.afterDelivery(d, { session, reference, before, wasLive });
  };
  const apply = (effect: Effect): void => {
    switch (effect.type) {
      case 'send':
        stream?.receive(effect.text, now);
        break;
      case 'api':
        api ??= connect(effect.url, sendLater);
        api.receive(effect.text, now);
        break;
      case 'fetch': {
        const u = new URL(effect.url);
        const answer = exchange.rest(host, u.pathname, u.searchParams, now);
        if (answer.status !== 200) throw new Error(`the simulator answered ${effect.url} with ${answer.status}`);
        const message = { via: 'rest', text: answer.body, url: effect.url, step } as const;
        later(() => {
          for (const d of planter.offer(message, session.state === 'live')) deliver(d);
        });
        break;
      }
      case 'reconnect':
        if (stream) exchange.disconnect(host, stream);
        session.close();
        inbox.length = 0;
        openStream();
        break;
    }
  };
  /**
   * What the worker's request timer does when a snapshot answer never comes (a planted frame took its place):
   * gives the request up and asks again. False when there is nothing to ask.
   */
  const retry = (): boolean => {
    if (protocol.snapshotSource !== 'request' || session.state !== 'syncing' || answers.length || retries >= RETRIES_PER_STEP) return false;
    retries++;
    if (session.awaitingSnapshot) session.rest('lost', 0, '', now);
    effects.push(...session.requestSnapshot());
    return effects.length > 0;
  };
  const run = (): void => {
    for (;;) {
      const effect = effects.shift();
      if (effect) {
        apply(effect);
        continue;
      }
      const next = inbox.shift();
      if (next) {
        for (const d of planter.offer({ via: 'ws', ...next }, session.state === 'live')) deliver(d);
        continue;
      }
      if (!retry()) return;
    }
  };

  // A venue that keeps only its top levels (protocol.depth) sends nothing of the rest: its client shows the top alone.
  const shown = protocol.depth ?? Infinity;
  reference.record(0, truth.snapshot(shown));
  planter.arm(0);
  openStream();
  run();
  for (step = 1; step <= options.steps + options.cleanSteps; step++) {
    now += STEP_MS;
    retries = 0;
    if (step > options.steps) planter.stop();
    else planter.arm(step);
    exchange.tick(now, [feed]);
    reference.record(step, truth.snapshot(shown));
    while (answers[0] && answers[0].due <= step) answers.shift()!.arrive();
    if (step % 10 === 0) exchange.heartbeat(now);
    run();
  }
  // The market stops; snapshot answers still on their way arrive, so that the end is not caught mid-request.
  for (let settled = 0; answers.length && settled < RETRIES_PER_STEP; settled++) {
    answers.shift()!.arrive();
    run();
  }
  return { session, reference, finalStep: options.steps + options.cleanSteps };
}
