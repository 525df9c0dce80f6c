/**
 * Briefing: what `accord brief` writes, as of a date and in the layer shown — previewed in the page
 * (the HTML briefing fetched and shown in a sandboxed frame: the server forbids framing its pages,
 * so the frame gets the document as `srcdoc`, with no scripts), opened in a tab, or fetched as a
 * PDF with its progress.
 */
import { useEffect, useState } from 'react';
import { api } from './api.js';
import { PdfButton } from './PdfButton.js';
import { useWorkbench } from './ui.js';

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function BriefingView({ params }: { params: URLSearchParams }) {
  const { pid, viewAs, navigate } = useWorkbench();
  const asOf = params.get('asOf') ?? '';
  const [draft, setDraft] = useState(asOf);
  const htmlUrl = api.briefingUrl(pid, { asOf: asOf || undefined, viewAs: viewAs || undefined });
  const [doc, setDoc] = useState<{ html: string } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    setDoc(null);
    fetch(htmlUrl, { headers: { accept: 'text/html' } })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `the server answered ${res.status}`);
        }
        return res.text();
      })
      .then((html) => live && setDoc({ html }))
      .catch((err: Error) => live && setDoc({ error: err.message }));
    return () => {
      live = false;
    };
  }, [htmlUrl]);
  return (
    <section aria-labelledby="brief-h" className="view">
      <h1 id="brief-h" tabIndex={-1}>
        Briefing
      </h1>
      <form
        className="toolbar"
        aria-label="Briefing controls"
        onSubmit={(e) => {
          e.preventDefault();
          navigate('briefing', { asOf: isDay(draft) ? draft : undefined });
        }}
      >
        <div className="control">
          <label htmlFor="brief-asof">As of</label>
          <input id="brief-asof" type="date" value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => isDay(draft) && draft !== asOf && navigate('briefing', { asOf: draft })} />
        </div>
        <div className="control briefing-links">
          <a className="button-link" href={htmlUrl} target="_blank" rel="noopener" data-briefing="">
            <span aria-hidden="true">▤ </span>Open in a new tab<span className="sr-only"> (the briefing{asOf ? ` as of ${asOf}` : ''})</span>
          </a>
          <PdfButton asOf={asOf || undefined} label="Download PDF" />
        </div>
      </form>
      <p className="muted small">
        {asOf ? `As of ${asOf}` : 'As of today'}
        {viewAs ? ', public layer plus the chosen confidential layer' : ', public layer only'}: the text on the table, agreement per axis, the most contested points with their latest evidence, the last and next meetings, and the pictures.
      </p>
      {doc === null && <p role="status">Preparing the preview…</p>}
      {doc && 'error' in doc && (
        <p role="alert" className="alert">
          The briefing could not be made: {doc.error}
        </p>
      )}
      {doc && 'html' in doc && <iframe className="briefing-frame" title={`Briefing preview${asOf ? ` as of ${asOf}` : ''}`} srcDoc={doc.html} sandbox="" />}
    </section>
  );
}
