import type { Effect, Endpoints, Market, VenueProtocol } from '../../src/venues/types';

/**
 * A request venue's protocol asking for `levels` per side instead of its own depth: against the simulator's
 * 300-level books, a smaller snapshot is cut short as a real 1000-level one is on a busy market, so the prices it
 * covers, and the diffs beyond them, come into play.
 */
export function withSnapshotLimit(protocol: VenueProtocol, levels: number): VenueProtocol {
  const request = protocol.snapshotRequest;
  if (!request || protocol.snapshotLevels === undefined) throw new Error(`${protocol.name} does not ask for its snapshot`);
  return {
    ...protocol,
    snapshotLevels: levels,
    snapshotRequest(market: Market, endpoints: Endpoints, via: 'rest' | 'api'): Effect {
      const effect = request(market, endpoints, via);
      if (effect.type === 'fetch') {
        const url = new URL(effect.url);
        url.searchParams.set('limit', String(levels));
        return { ...effect, url: url.toString() };
      }
      if (effect.type === 'api') {
        const text = JSON.parse(effect.text) as { params: { limit: number } };
        text.params.limit = levels;
        return { ...effect, text: JSON.stringify(text) };
      }
      return effect;
    },
  };
}
