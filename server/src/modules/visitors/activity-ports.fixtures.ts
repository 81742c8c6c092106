import type { VisitorActivityPorts } from './visitor-activity.service.ts';

/** Ports to the modules around the activity that do nothing, for tests that watch only the activity itself. */
export function quietActivityPorts(overrides: Partial<VisitorActivityPorts> = {}): VisitorActivityPorts {
  return {
    conversationsOf: async () => [],
    filesOf: async () => [],
    listChanged: () => {},
    hasFollowers: () => false,
    onlineElsewhere: () => false,
    profileChanged: () => {},
    cartStageReached: () => {},
    visitorLeft: () => {},
    visitorArrived: () => {},
    log: () => {},
    ...overrides,
  };
}
