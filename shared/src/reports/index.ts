/** The reports' figures, each defined once: pure functions the server sums and the console shows. */
export * from './stats.ts';
export * from './business-time.ts';
export * from './facts.ts';
export * from './summary.ts';
export * from './day-figures.ts';
export * from './agent-time.ts';
export * from './agent-load.ts';
export * from './attribution.ts';
export * from './revenue.ts';
export * from './compare.ts';
export * from './returns.ts';
export * from './live.ts';
