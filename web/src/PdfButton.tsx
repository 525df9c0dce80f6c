/**
 * A button that fetches the PDF briefing and shows its progress: waiting for the server to print it
 * (an indeterminate bar), then the bytes received, then a link to open the file (and the browser's
 * own download). The status is announced to screen readers; a second press while busy is ignored.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from './api.js';
import { useWorkbench } from './ui.js';

type Progress = { stage: 'idle' } | { stage: 'printing' } | { stage: 'receiving'; got: number; total: number | null } | { stage: 'ready'; url: string; bytes: number; ms: number } | { stage: 'failed'; message: string };

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

export function PdfButton({ asOf, label = 'PDF' }: { asOf?: string; label?: string }) {
  const { pid, viewAs } = useWorkbench();
  const [p, setP] = useState<Progress>({ stage: 'idle' });
  const url = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current);
    },
    [],
  );
  const busy = p.stage === 'printing' || p.stage === 'receiving';
  const fileName = `briefing-${pid}${asOf ? `-${asOf}` : ''}.pdf`;

  const run = async () => {
    if (busy) return;
    const t0 = performance.now();
    setP({ stage: 'printing' });
    try {
      const res = await fetch(api.briefingUrl(pid, { asOf, viewAs: viewAs || undefined, format: 'pdf' }), { headers: { accept: 'application/pdf' } });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `the server answered ${res.status}`);
      }
      const total = Number(res.headers.get('content-length')) || null;
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        got += value.length;
        setP({ stage: 'receiving', got, total });
      }
      if (url.current) URL.revokeObjectURL(url.current);
      url.current = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'application/pdf' }));
      setP({ stage: 'ready', url: url.current, bytes: got, ms: Math.round(performance.now() - t0) });
    } catch (err) {
      setP({ stage: 'failed', message: (err as Error).message });
    }
  };

  return (
    <span className="pdf-button">
      <button type="button" onClick={run} aria-disabled={busy || undefined} data-pdf="">
        <span aria-hidden="true">⤓ </span>
        {busy ? 'Preparing the PDF…' : label}
        <span className="sr-only"> briefing{asOf ? ` as of ${asOf}` : ''}</span>
      </button>
      <span className="pdf-progress" role="status" aria-live="polite">
        {p.stage === 'printing' && (
          <>
            <progress aria-label="Printing the PDF briefing" /> <span className="small muted">printing…</span>
          </>
        )}
        {p.stage === 'receiving' && (
          <>
            <progress aria-label="Receiving the PDF briefing" value={p.total ? p.got : undefined} max={p.total ?? undefined} />{' '}
            <span className="small muted">
              {kb(p.got)}
              {p.total ? ` of ${kb(p.total)}` : ''}
            </span>
          </>
        )}
        {p.stage === 'ready' && (
          <span className="small">
            <a href={p.url} download={fileName} data-pdf-ready={p.bytes}>
              Save {fileName}
            </a>{' '}
            <a href={p.url} target="_blank" rel="noopener">
              open<span className="sr-only"> the PDF in a new tab</span>
            </a>{' '}
            <span className="muted">
              ({kb(p.bytes)} in {(p.ms / 1000).toFixed(1)} s)
            </span>
          </span>
        )}
        {p.stage === 'failed' && <span className="small inline-error">The PDF could not be made: {p.message}</span>}
      </span>
    </span>
  );
}
