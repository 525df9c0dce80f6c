/** Marks of the Analysis page: each solution concept's shape and letters, a profile's badges (estimate, confidential). */
import { partyShort, useWorkbench } from '../ui.js';

/** Marker of each solution concept in the plot and the tables: a shape and letters (never colour alone). */
export const MARK: Record<string, { shape: 'square' | 'diamond' | 'triangle' | 'circle'; colour: string }> = {
  nash: { shape: 'square', colour: '#1f4e8c' },
  kalaiSmorodinsky: { shape: 'diamond', colour: '#8c2f1f' },
  egalitarian: { shape: 'triangle', colour: '#1e6b3a' },
  utilitarian: { shape: 'circle', colour: '#6b3a8c' },
};
const SHAPE_SYMBOL = { square: '■', diamond: '◆', triangle: '▲', circle: '●' } as const;

export function ConceptMark({ concept, short }: { concept: string; short: string }) {
  const m = MARK[concept];
  return (
    <span className="concept-mark" style={{ color: m?.colour }}>
      <span aria-hidden="true">{m ? SHAPE_SYMBOL[m.shape] : '•'}</span> {short}
    </span>
  );
}

/** Marks shown next to a party: estimate, confidential. */
export function ProfileBadges({ estimate, confidentialTo }: { estimate?: boolean; confidentialTo?: string | null }) {
  const { outline: data } = useWorkbench();
  return (
    <>
      {estimate ? (
        <span className="pbadge pbadge-estimate" title="an analyst's estimate, not the party's own statement">
          <span aria-hidden="true">≈</span> estimate
        </span>
      ) : null}
      {confidentialTo ? (
        <span className="pbadge pbadge-confidential" title={`visible only to ${partyShort(data, confidentialTo)} (and a mediator it granted)`}>
          <span aria-hidden="true">✉</span> confidential to {partyShort(data, confidentialTo)}
        </span>
      ) : null}
    </>
  );
}
