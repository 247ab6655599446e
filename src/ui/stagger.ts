/**
 * Hands each new value to several consumers an animation frame apart: the first at once, then one more each frame.
 * A summary updates many panels; laid out and painted in one frame they make a task long enough to drop frames and
 * delay the ladder's next paint, spread over a few frames each fits. A value that comes before every consumer had the
 * last one is what the rest get; they are served in turn, so none waits more than one frame per consumer.
 */
export class Stagger<T> {
  private value: T | undefined;
  private readonly pending: boolean[];
  /** The consumer a frame served last: the next frame serves the first pending one after it. */
  private last = 0;
  private scheduled = false;

  constructor(
    private readonly consumers: readonly ((value: T) => void)[],
    private readonly frame: (run: () => void) => void = (run) => requestAnimationFrame(() => run()),
  ) {
    this.pending = consumers.map(() => false);
  }

  push(value: T): void {
    this.value = value;
    this.pending.fill(true);
    this.serve(0);
    this.schedule();
  }

  private serve(i: number): void {
    this.pending[i] = false;
    this.consumers[i]!(this.value as T);
  }

  private schedule(): void {
    if (this.scheduled || !this.pending.includes(true)) return;
    this.scheduled = true;
    this.frame(() => {
      this.scheduled = false;
      const n = this.consumers.length;
      for (let k = 1; k <= n; k++) {
        const i = (this.last + k) % n;
        if (this.pending[i]) {
          this.last = i;
          this.serve(i);
          break;
        }
      }
      this.schedule();
    });
  }
}
