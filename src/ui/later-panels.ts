/**
 * The panels a first paint never needs (the trades, the depth and the venues sections; below the book and the
 * heatmap on a wide screen, a tab away on a phone), loaded as a chunk of their own once the page has started, so
 * the page's initial script stays small (bench section 5).
 */
export { default as BasisPanel } from './BasisPanel.svelte';
export { default as DepthChart } from './DepthChart.svelte';
export { default as ImbalancePanel } from './ImbalancePanel.svelte';
export { default as RatesPanel } from './RatesPanel.svelte';
export { default as SizeToMovePanel } from './SizeToMovePanel.svelte';
export { default as TradesPanel } from './TradesPanel.svelte';
export { default as VenueTable } from './VenueTable.svelte';
export { default as VolumePanel } from './VolumePanel.svelte';
