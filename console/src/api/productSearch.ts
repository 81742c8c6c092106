import type { ProductCard } from '@mostrador/shared';
import type { AgentConnection } from './agentConnection.ts';

/** How the console searches the shop's products by name or SKU (from two letters on). */
export type ProductSearch = (query: string) => Promise<readonly ProductCard[]>;

/**
 * The shop's products over the console's one socket (`products:search`), as the composer's picker searches them,
 * for the pages that do not hold the socket (the admin's reply form); none while there is no connection, or refused.
 */
export function productSearchOf(connection: () => AgentConnection | null): ProductSearch {
  return async (query) => {
    const socket = connection();
    if (!socket) return [];
    const result = await socket.request('products:search', { query });
    return result.ok ? result.data.products : [];
  };
}
