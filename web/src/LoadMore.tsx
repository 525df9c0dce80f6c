/**
 * "Load more" under a list read page by page (./api/queries.ts `useApiPages`): how many items are
 * shown of how many match, announced politely to screen readers, and a button that reads the next
 * page. After a press, keyboard focus moves to the first item the new page added, so a keyboard
 * user goes on reading where the list grew (the button stays reachable at the list's end).
 */
import { useEffect, useRef } from 'react';

/** Props of {@link LoadMore}. */
export interface LoadMoreProps {
  /** Items shown now, and how many match in all (null: unknown). */
  shown: number;
  total: number | null;
  /** The items' name, singular and plural ("event", "events"). */
  noun: [string, string];
  hasMore: boolean;
  loading: boolean;
  /** Largest number of items one press adds. */
  pageSize: number;
  onMore: () => void;
}

const plural = (n: number, [one, many]: [string, string]) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The count line and the "load more" button of a paged list. */
export function LoadMore({ shown, total, noun, hasMore, loading, pageSize, onMore }: LoadMoreProps) {
  const next = total === null ? pageSize : Math.min(pageSize, Math.max(0, total - shown));
  return (
    <div className="load-more">
      <p className="muted small" aria-live="polite">
        {total === null || total === shown ? plural(shown, noun) : `${plural(shown, noun)} shown of ${total.toLocaleString('en')}`}
      </p>
      {hasMore && (
        <button type="button" onClick={onMore} disabled={loading} aria-busy={loading || undefined}>
          {loading ? 'Loading…' : `Load ${next.toLocaleString('en')} more`}
        </button>
      )}
    </div>
  );
}

/**
 * Focus for {@link LoadMore}: call `mark()` as the button is pressed; once the list has more than
 * the `count` it had then, the element `focusAt(count)` (the first new item) takes focus.
 */
export function useFocusOnGrowth(count: number, focusAt: (index: number) => HTMLElement | null | undefined): { mark: () => void } {
  const from = useRef<number | null>(null);
  useEffect(() => {
    if (from.current === null || count <= from.current) return;
    const el = focusAt(from.current);
    from.current = null;
    el?.focus();
  });
  return { mark: () => (from.current = count) };
}
