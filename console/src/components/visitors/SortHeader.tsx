import type { VisitorSort, VisitorSortKey } from '../../state/liveVisitors.ts';

interface SortHeaderProps {
  sortKey: VisitorSortKey;
  label: string;
  sort: VisitorSort;
  onSort: (key: VisitorSortKey) => void;
}

/** A column header that sorts the table: a real button inside, its state in `aria-sort`. */
export function SortHeader({ sortKey, label, sort, onSort }: SortHeaderProps) {
  const active = sort.key === sortKey;
  const arrow = !active ? '↕' : sort.direction === 'descending' ? '↓' : '↑';
  return (
    <th scope="col" class="numeric sortable" aria-sort={active ? sort.direction : undefined}>
      <button type="button" class="sort-button" data-part="sort" data-sort-key={sortKey} onClick={() => onSort(sortKey)}>
        {label}
        <span class={active ? 'sort-arrow active' : 'sort-arrow'} aria-hidden="true">
          {arrow}
        </span>
      </button>
    </th>
  );
}
