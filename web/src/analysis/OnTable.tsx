/**
 * What the analysis is read against, said before its figures: the text on the table (the version
 * whose points the issues name, by name, linked to the Text page) and, plainly, that every utility
 * is an estimate — a model of each party's interests, not the party's own figure.
 */
import type { OnTable } from '../../../src/services/views/on-table.js';
import { href } from '../ui.js';

/** The text on the table and the estimates note (see the module doc). */
export function OnTableNote({ onTable, profiles, estimates }: { onTable: OnTable | undefined; profiles: number; estimates: number }) {
  const v = onTable?.version ?? null;
  const missing = onTable?.missing.length ?? 0;
  return (
    <div className="on-table">
      <p data-on-table={v?.id ?? ''}>
        {v ? (
          <>
            Text on the table:{' '}
            <a href={href('text', { version: v.id })}>
              <bdi>{v.title}</bdi>, {v.label}
            </a>{' '}
            ({v.date}), the current single negotiating text; the issues below are read against its points.
          </>
        ) : (
          'No text is on the table yet: the issues are not tied to a version of the text.'
        )}
        {missing > 0 ? ` ${missing === 1 ? 'One issue names a point' : `${missing} issues name points`} found in no version of the text.` : ''}
      </p>
      <p className="estimates-note" role="note">
        <strong>The utilities are estimates.</strong> Weights, option values, reservation values and red lines model what each party is believed to want; they are not figures
        the parties gave. The packages below follow from these estimates and change when they change
        {estimates > 0 ? ` (${estimates} of ${profiles} profile${profiles === 1 ? ' is' : 's are'} marked ≈ estimate: an analyst's reading without the party's own statement)` : ''}.
      </p>
    </div>
  );
}
