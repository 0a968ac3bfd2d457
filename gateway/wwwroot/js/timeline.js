// This run and the previous one, drawn live on one shared time axis, with how they compare.

import { milliseconds } from './format.js';
import { sharedScale, Waterfall } from './waterfall.js';

export class Timeline {
  constructor(currentFigure, previousFigure, comparison) {
    this.current = new Waterfall(currentFigure);
    this.previous = new Waterfall(previousFigure);
    this.previousFigure = previousFigure;
    this.comparison = comparison;
    this.runs = { current: null, previous: null };
    this.frame = 0;
    this.#draw();
  }

  /** A new run takes the stage; the one before it, finished or cancelled, stays beside it for comparison. */
  begin(run) {
    if (this.runs.current) this.runs.previous = this.runs.current;
    this.runs.current = run;
    this.#animate();
  }

  /** Something about the current run changed: a part landed, or it ended. */
  update() {
    this.#draw();
  }

  #animate() {
    cancelAnimationFrame(this.frame);
    const tick = () => {
      this.#draw();
      if (this.runs.current?.state === 'running') this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  #draw() {
    const { current, previous } = this.runs;
    const now = current?.state === 'running' ? performance.now() - current.startedAt : 0;
    const scale = sharedScale([current, previous].filter(Boolean), now);
    this.current.render(current, scale, now);
    this.previous.render(previous, scale, 0);
    this.previousFigure.hidden = !previous;
    this.comparison.textContent = describe(current, previous);
  }
}

function describe(current, previous) {
  const finished = run => run && (run.state === 'complete' || run.state === 'degraded' || run.state === 'failed');
  if (!finished(current) || !finished(previous)) return '';
  const [slower, faster] = current.totalMs >= previous.totalMs ? [current, previous] : [previous, current];
  const ratio = slower.totalMs / Math.max(faster.totalMs, 0.1);
  const which = run => (run === current ? 'this run' : 'the previous run');
  return `${capitalize(which(slower))} (${slower.mode}, ${milliseconds(slower.totalMs)}) took ${ratio.toFixed(1)}× as long as ${which(faster)} (${faster.mode}, ${milliseconds(faster.totalMs)}).`;
}

const capitalize = text => text[0].toUpperCase() + text.slice(1);
