import type { TagListBody } from '@mostrador/shared';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../admin/api.ts';

/** The site's tag names, for the tag field's suggestions; loaded once, empty until then or on failure. */
export function useTagNames(): readonly string[] {
  const [names, setNames] = useState<readonly string[]>([]);
  useEffect(() => {
    let cancelled = false;
    void request<TagListBody>('GET', '/api/tags').then((result) => {
      if (!cancelled && result.ok) setNames(result.data.tags.map((tag) => tag.name));
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return names;
}
