import type { ConversationOrigin } from '@mostrador/shared';
import type { RevenueCheckout, RevenuePurchase, RevenueVisit } from '@mostrador/shared/reports';
import type { FactsRow, ReadRow, StoredConversation } from './fact-rows.ts';

/** Which conversations a report reads: created in [from, to) on a site, optionally one department's or agent's, one origin's, one tag's. */
export interface ReportScope {
  siteId: string;
  from: number;
  to: number;
  departmentId?: string | undefined;
  agentId?: string | undefined;
  origin?: ConversationOrigin | undefined;
  tag?: string | undefined;
  /** Only these conversations (of the scope). */
  ids?: readonly string[] | undefined;
}

/**
 * Plain reads for the reports, never a write, on either engine
 * (reports.repository.test.ts holds both to one contract, and to the same
 * report for the same rows). The figures themselves are computed from these
 * rows by `@mostrador/shared/reports`, once for both engines: no median,
 * percentile, date or business-hours arithmetic happens in SQL. Rows come
 * in no promised order unless a method says so.
 */
export interface ReportsRepository {
  /**
   * The conversations of the scope, each with its timeline (visitor and agent
   * messages, closes, reopens and assignments, in log order) and its ratings
   * (by round).
   */
  conversationsIn(scope: ReportScope): Promise<StoredConversation[]>;
  /** The stored facts of the scope's conversations, with their live columns and whether each is stale (fact-rows.ts: ReadRow). */
  storedFacts(scope: ReportScope): Promise<ReadRow[]>;
  /**
   * Stores recomputed facts, in short transactions that let the message
   * path's commits run between them; rows of conversations erased meanwhile are skipped.
   */
  saveFacts(rows: readonly FactsRow[]): Promise<void>;
  /** The site's conversations whose row changed at or after `since` (by `conversations_site_status_updated`), with their creation. */
  changedSince(siteId: string, since: number): Promise<{ id: string; createdAt: number }[]>;
  /** The trigger rule whose firing started each conversation of the scope (the latest firing when several name it); name null once deleted. */
  rulesOf(scope: ReportScope): Promise<Map<string, { id: string; name: string | null }>>;
  /** The conversations the site's customers started (in the chat or by email) in [from, to), whatever the report's filters: the reopen rate's returns. */
  customerStarts(siteId: string, from: number, to: number): Promise<{ visitorId: string; customerId: string | null; createdAt: number }[]>;
  /** Every visitor with a conversation created in [from, to) on the site, whatever the report's filters. */
  conversationVisitors(siteId: string, from: number, to: number): Promise<Set<string>>;
  /** Each of the site's visitors with a page view started in [from, to), and the first one's start. */
  firstVisits(siteId: string, from: number, to: number): Promise<RevenueVisit[]>;
  /** The checkouts and purchases of the site's visitors in [from, until], both ends in. */
  cartStages(siteId: string, from: number, until: number): Promise<{ purchases: RevenuePurchase[]; checkouts: RevenueCheckout[] }>;
}
