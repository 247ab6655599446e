/**
 * Figures for panels that keep what they last showed while out of sight, and take the current ones as they scroll
 * back in (or, on a phone, as their tab is chosen). Content-visibility already spares the page their layout and paint
 * out of sight, but not the script that rewrites their figures, nor the layout of rows that lay out on their own.
 */

/** Scrolled this close, a panel counts as in sight: it has its current figures by the time it shows. */
const MARGIN = '200px';

/** Whether an element is in sight, as its IntersectionObserver last said (in sight until it says otherwise). */
export class InSight {
  seen = $state(true);

  /** Watches `element` from now on; the returned function stops watching. */
  watch(element: Element): () => void {
    const observer = new IntersectionObserver((entries) => (this.seen = entries[entries.length - 1]!.isIntersecting), { rootMargin: MARGIN });
    observer.observe(element);
    return () => observer.disconnect();
  }

  /** `value()` while in sight; out of sight, what it was when last in sight. */
  held<T>(value: () => T): { readonly current: T } {
    let last: T | undefined;
    const shown = $derived.by(() => {
      const v = value();
      if (this.seen) last = v;
      return last as T;
    });
    return {
      get current() {
        return shown;
      },
    };
  }
}
