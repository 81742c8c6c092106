import type { DEFAULT_CAPACITY as SharedDefault, MAX_CAPACITY as SharedMax } from '@mostrador/shared';

/*
 * Copies of the server's limits. Importing the values would pull zod into the
 * console bundle (they live beside the schemas); typing each copy as the
 * shared constant's literal type makes tsc fail if the two ever drift apart.
 */
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY: typeof SharedMax = 50;
export const DEFAULT_CAPACITY: typeof SharedDefault = 3;
export const MIN_PASSWORD = 8;
