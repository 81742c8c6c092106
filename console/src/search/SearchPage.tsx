import type { SearchHit, SearchInput, SearchResults } from '@mostrador/shared';
import { useId, useState } from 'preact/hooks';
import { request } from '../admin/api.ts';
import { formatFullTime } from '../components/time.ts';
import { useI18n } from '../i18n/context.ts';
import type { Translate } from '../i18n/index.ts';
import type { TeamState } from '../state/consoleState.ts';
import { NO_FILTERS, SearchFilters, type SearchFilterFields } from './SearchFilters.tsx';
import { Snippet } from './Snippet.tsx';
import './search.css';

type Filters = Omit<SearchInput, 'q' | 'offset'>;

function searchUrl(q: string, filters: Filters, offset: number): string {
  const params = new URLSearchParams({ q, offset: String(offset) });
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') params.set(key, String(value));
  return `/api/search?${params}`;
}

/** Day inputs give "2026-12-04"; the API takes epoch ms, the end of the day for "to". */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).getTime() : undefined);
const dayEnd = (day: string) => (day ? new Date(`${day}T23:59:59.999`).getTime() : undefined);

function filtersOf(fields: SearchFilterFields): Filters {
  return {
    ...(fields.status === 'open' || fields.status === 'closed' ? { status: fields.status } : {}),
    ...(fields.tag.trim() ? { tag: fields.tag.trim() } : {}),
    ...(fields.agentId ? { agentId: fields.agentId } : {}),
    ...(fields.departmentId ? { departmentId: fields.departmentId } : {}),
    from: dayStart(fields.from),
    to: dayEnd(fields.to),
  };
}

/**
 * Who wrote the hit: a visitor's own words say "Visitor" (their label already leads the line, and
 * repeating it read "#K7QM2 · #K7QM2"), a note says so, an agent's message names the agent; an
 * automatic message with no name says nothing (it read "#K7QM2 ·  · time").
 */
function authorOf(hit: SearchHit, t: Translate): string | null {
  if (hit.kind === 'note') return t('conversation.noteLabel');
  if (hit.authorKind === 'visitor') return t('conversation.authorVisitor');
  return hit.authorName ?? (hit.authorKind === 'agent' ? t('conversation.authorAgent') : null);
}

interface SearchPageProps {
  team: TeamState;
  onNeedTeam: () => void;
  onOpenChat: (conversationId: string) => void;
}

/** Search every message and note the agent may see; a result opens its conversation. */
export function SearchPage({ team, onNeedTeam, onOpenChat }: SearchPageProps) {
  const { t, language } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [fields, setFields] = useState<SearchFilterFields>(NO_FILTERS);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [alsoSearched, setAlsoSearched] = useState<string[]>([]);
  const [newestFirst, setNewestFirst] = useState(false);
  const [failed, setFailed] = useState(false);

  async function run(offset: number) {
    if (!q.trim()) return;
    const result = await request<SearchResults>('GET', searchUrl(q.trim(), filtersOf(fields), offset));
    setFailed(!result.ok);
    if (!result.ok) return;
    setHits(offset === 0 ? result.data.hits : [...(hits ?? []), ...result.data.hits]);
    setNext(result.data.nextOffset);
    setAlsoSearched(result.data.alsoSearched);
    setNewestFirst(result.data.order === 'newest');
  }

  return (
    <main class="search-page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('search.title')}</h1>
      <form
        class="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void run(0);
        }}
      >
        <label for={`${id}-q`}>{t('search.query')}</label>
        <input id={`${id}-q`} name="q" type="search" value={q} maxLength={200} onInput={(e) => setQ(e.currentTarget.value)} />
        <SearchFilters id={id} fields={fields} team={team} onNeedTeam={onNeedTeam} onChange={setFields} />
        <button type="submit" class="button primary">
          {t('search.submit')}
        </button>
      </form>
      <div role="status" class="search-status">
        {failed && t('search.failed')}
        {hits !== null && !failed && (hits.length === 1 ? t('search.countOne') : t('search.countOther', { count: hits.length }))}
        {alsoSearched.length > 0 && ` ${t('search.alsoSearched', { words: alsoSearched.join(', ') })}`}
        {hits !== null && !failed && newestFirst && ` ${t('search.newestFirst')}`}
      </div>
      {hits !== null && hits.length > 0 && (
        <ol class="search-results" data-part="search-results">
          {hits.map((hit) => (
            <li key={`${hit.conversationId}-${hit.seq}`} class={hit.kind === 'note' ? 'search-hit note' : 'search-hit'}>
              <button
                type="button"
                class="search-hit-open"
                data-conversation-id={hit.conversationId}
                onClick={() => onOpenChat(hit.conversationId)}
              >
                <span class="search-hit-meta">
                  {[hit.visitorLabel, authorOf(hit, t)].filter(Boolean).join(' · ')} ·{' '}
                  <time dateTime={new Date(hit.createdAt).toISOString()}>{formatFullTime(hit.createdAt, language)}</time>
                </span>
                <Snippet text={hit.snippet} />
              </button>
            </li>
          ))}
        </ol>
      )}
      {next !== null && (
        <button type="button" class="button" onClick={() => void run(next)}>
          {t('search.more')}
        </button>
      )}
    </main>
  );
}
