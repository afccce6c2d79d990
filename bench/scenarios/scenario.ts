/** One measured figure as bench/results/core.json records it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target, when there is one. */
  target?: string;
  /** The peers' figures as measured on this machine, for context. */
  peers?: string;
}

/** A benchmark scenario: runs, cleans up everything it started, returns its figures. */
export interface Scenario {
  name: string;
  run(options: { quick: boolean }): Promise<Figure[]>;
}
