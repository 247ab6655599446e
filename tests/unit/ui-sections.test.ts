import { describe, expect, it } from 'vitest';
import { SECTIONS, isSection, tabAfterKey } from '../../src/ui/sections';

describe('the phone’s sections', () => {
  it('are the book, heatmap, trades, depth, venues and settings, in that order', () => {
    expect(SECTIONS).toEqual(['book', 'heatmap', 'trades', 'depth', 'venues', 'settings']);
    expect(isSection('depth')).toBe(true);
    expect(isSection('ladder')).toBe(false);
    expect(isSection(undefined)).toBe(false);
  });

  it('move with the arrow keys, wrapping around, and Home and End go to the ends (WAI-ARIA tabs)', () => {
    expect(tabAfterKey('book', 'ArrowRight')).toBe('heatmap');
    expect(tabAfterKey('settings', 'ArrowRight')).toBe('book');
    expect(tabAfterKey('book', 'ArrowLeft')).toBe('settings');
    expect(tabAfterKey('depth', 'Home')).toBe('book');
    expect(tabAfterKey('depth', 'End')).toBe('settings');
    expect(tabAfterKey('depth', 'Enter')).toBeUndefined();
    expect(tabAfterKey('depth', 'ArrowDown')).toBeUndefined();
  });
});
