/**
 * The picture of the talks on Overview: the rounds of the text on a time axis with the meetings
 * where each was tabled (last and next meetings marked), agreement per axis as bars, and the matrix
 * as a compact heatmap — the same SVG functions the briefing prints (src/report/glance.ts), drawn at
 * the width of the page and restyled by design.css for dark mode. The pictures are images for
 * screen readers (title and description); their elements open the point, axis, meeting or text
 * under the pointer, and the same links are in the lists and table below them for the keyboard.
 */
import { type MouseEvent, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { axisBarsSvg, type GlanceLinks, heatmapStripSvg, roundsSvg } from '../../src/report/glance.js';
import type { Event, PositionsMatrix, StatusBriefing } from './api.js';
import { href, useWorkbench } from './ui.js';

/** Width in px of an element, kept up to date as the page resizes. */
function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setW(Math.floor(el.getBoundingClientRect().width));
    const ro = new ResizeObserver((es) => setW(Math.floor(es[0]!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

/** Follow the `data-href` of the clicked element of a picture. */
function follow(e: MouseEvent<HTMLElement>) {
  const target = (e.target as Element).closest('[data-href]');
  const h = target?.getAttribute('data-href');
  if (h) window.location.hash = h.replace(/^#/, '');
}

/** One picture: an SVG string drawn into the page. */
function Svg({ svg, name }: { svg: string; name: string }) {
  // The SVG comes from our own chart functions, which escape every text they are given.
  return <div className={`chart chart-${name}`} onClick={follow} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function OverviewPicture({ b, matrix, events }: { b: StatusBriefing; matrix: PositionsMatrix | null; events: Event[] }) {
  const { outline } = useWorkbench();
  const [ref, width] = useWidth<HTMLDivElement>();
  const cur = b.currentVersion;
  const links: GlanceLinks = useMemo(
    () => ({
      point: (lineage) => href('text', { version: cur?.id, point: lineage }),
      axis: (lineage) => href('positions', { axis: lineage ?? undefined }),
      event: (id) => href('record', { event: id }),
      version: (id) => href('text', { version: id }),
    }),
    [cur?.id],
  );
  const versions = useMemo(
    () => outline.versions.map((v) => ({ id: v.id, label: v.label, date: v.date, title: v.title })),
    [outline],
  );
  const w = Math.max(280, width);
  const half = w >= 900 ? Math.floor((w - 24) / 2) : w;
  const rounds = useMemo(
    () => (width ? roundsSvg(versions, events, { width: w, asOf: b.asOf, lastHeld: b.lastHeld?.id, nextScheduled: b.nextScheduled?.id, links, id: 'ov-rounds' }) : ''),
    [versions, events, w, width, b, links],
  );
  const bars = useMemo(() => (width ? axisBarsSvg(b.axes, { width: half, links, id: 'ov-axes' }) : ''), [b.axes, half, width, links]);
  const strip = useMemo(() => (width && matrix ? heatmapStripSvg(matrix, { width: half, links, id: 'ov-strip' }) : ''), [matrix, half, width, links]);
  return (
    <section className="overview-picture" aria-labelledby="ov-picture-h" ref={ref}>
      <h2 id="ov-picture-h" className="sr-only">
        The talks at a glance
      </h2>
      {rounds && (
        <figure className="glance glance-rounds">
          <figcaption>Rounds of the text and the meetings where each was tabled</figcaption>
          <Svg svg={rounds} name="rounds" />
        </figure>
      )}
      <div className="glance-pair">
        {bars && (
          <figure className="glance">
            <figcaption>Agreement per axis</figcaption>
            <Svg svg={bars} name="axes" />
          </figure>
        )}
        {strip && (
          <figure className="glance">
            <figcaption>Positions at a glance (parties × points)</figcaption>
            <Svg svg={strip} name="strip" />
          </figure>
        )}
      </div>
    </section>
  );
}
