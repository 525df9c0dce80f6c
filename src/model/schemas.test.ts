/** Schema rules that are not plain shapes: the URL schemes a stored link may have. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWebUrl, Report, Source, WebUrl } from './schemas.js';

describe('WebUrl', () => {
  it('accepts http, https and mailto URLs', () => {
    for (const u of ['https://example.org/report?id=1#p2', 'http://127.0.0.1:8080/x', 'mailto:press@example.org', 'HTTPS://EXAMPLE.ORG/']) expect(WebUrl.safeParse(u).success, u).toBe(true);
  });

  it('refuses every other scheme, whatever its case (property)', () => {
    const scheme = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,9}$/).filter((s) => !/^(https?|mailto)$/i.test(s));
    fc.assert(fc.property(scheme, fc.stringMatching(/^[a-z0-9/.,()%]{0,20}$/), (sch, rest) => !isWebUrl(`${sch}:${rest}`) && !isWebUrl(`${sch}://example.org/${rest}`)));
    for (const u of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'vbscript:x', ' javascript:alert(1)']) expect(isWebUrl(u), u).toBe(false);
  });

  it('is the rule of sources and reports, with a message saying what is expected', () => {
    const r = Source.safeParse({ id: 's1', url: 'javascript:alert(1)' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('expected an http(s) or mailto URL');
    expect(Report.safeParse({ id: 'r1', text: 'x', published: '2024-01-01', url: 'data:text/plain,x' }).success).toBe(false);
    expect(Report.safeParse({ id: 'r1', text: 'x', published: '2024-01-01', url: 'https://example.org/r1' }).success).toBe(true);
    // The review's name for the source of a report without a URL is stored, but never linked.
    expect(Source.safeParse({ id: 's2', url: 'accord:report/r1' }).success).toBe(true);
    expect(isWebUrl('accord:report/r1')).toBe(false);
    expect(Report.safeParse({ id: 'r1', text: 'x', published: '2024-01-01', url: 'accord:report/r0' }).success).toBe(false);
  });
});
