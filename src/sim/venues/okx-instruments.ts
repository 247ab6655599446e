import type { Market } from '../../venues/types';
import { stepText } from '../decimals';

/** OKX's public instrument list. */
export const OKX_INSTRUMENTS_PATH = '/api/v5/public/instruments';

/**
 * The `data` of `GET /api/v5/public/instruments?instType=SPOT|SWAP[&instId=..][&instFamily=..]`, each instrument
 * with the fields of OKX's documented example: `tickSz` the price tick, `lotSz` the size step, in base currency on
 * spot and in contracts on SWAP, where `ctVal` is one contract's face value in `ctValCcy` (0.01 BTC for
 * BTC-USDT-SWAP, linear: settled in USDT). As OKX documents, `baseCcy`/`quoteCcy` are for spot only and
 * `ctVal`/`ctType`/`settleCcy`/`uly`/`instFamily` for derivatives only (empty strings elsewhere).
 */
export function instruments(markets: readonly Market[], query: URLSearchParams): object[] {
  const instId = query.get('instId');
  const instFamily = query.get('instFamily');
  return markets
    .filter((m) => (!instId || m.symbol === instId) && (!instFamily || `${m.base}-${m.quote}` === instFamily))
    .map((m) => {
      const swap = m.kind === 'perpetual';
      const family = swap ? `${m.base}-${m.quote}` : '';
      return {
        alias: '',
        auctionEndTime: '',
        baseCcy: swap ? '' : m.base,
        category: '1',
        ctMult: swap ? '1' : '',
        ctType: swap ? 'linear' : '',
        ctVal: swap ? stepText(m.contractSize) : '',
        ctValCcy: swap ? m.base : '',
        contTdSwTime: '1704876947000',
        expTime: '',
        futureSettlement: false,
        groupId: '1',
        instFamily: family,
        instId: m.symbol,
        instType: swap ? 'SWAP' : 'SPOT',
        lever: swap ? '100' : '10',
        listTime: '1606468572000',
        lotSz: stepText(m.lot!),
        maxIcebergSz: '9999999999.0000000000000000',
        maxLmtAmt: '20000000',
        maxLmtSz: '9999999999',
        maxMktAmt: '1000000',
        maxMktSz: swap ? '12000' : '',
        maxStopSz: swap ? '12000' : '',
        maxTriggerSz: '9999999999.0000000000000000',
        maxTwapSz: '9999999999.0000000000000000',
        minSz: stepText(m.lot!),
        optType: '',
        openType: '',
        preMktSwTime: '',
        quoteCcy: swap ? '' : m.quote,
        tradeQuoteCcyList: swap ? [] : [m.quote],
        settleCcy: swap ? m.quote : '',
        state: 'live',
        ruleType: 'normal',
        stk: '',
        tickSz: stepText(m.tick!),
        uly: family,
        instIdCode: 1000000000,
        instCategory: '1',
        initPxLmtPct: '0.05',
        floatPxLmtPct: '0.03',
        maxPxLmtPct: '0.15',
        upcChg: [],
      };
    });
}
