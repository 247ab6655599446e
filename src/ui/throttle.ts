/**
 * Runs `run` at most once every `ms`: a call within `ms` of the last run is put off to the end of that time, and
 * calls meanwhile fold into that one. What a person reads (a list of trades scrolling in) needs no more than a
 * few redraws a second, and each one costs the page a layout and paint.
 */
export function throttled(ms: number, run: () => void, now: () => number = () => performance.now()): { (): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = (): void => {
    timer = undefined;
    last = now();
    run();
  };
  const call = (): void => {
    if (timer !== undefined) return;
    const wait = last + ms - now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
  call.cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
