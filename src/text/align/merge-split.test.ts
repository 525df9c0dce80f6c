import { describe, expect, it } from 'vitest';
import { alignment } from '../align.js';
import { parsePlan } from '../parse.js';

const tree = (text: string) => parsePlan(text).provisions;
const links = (a: string, b: string) =>
  alignment(tree(a), tree(b), { diffs: false }).pairs.map((p) => `${p.from.join('+') || '-'}>${p.to.join('+') || '-'} ${p.change}`);

describe('splits into points that are not neighbours', () => {
  const A = `1. Elections are held within six months under the supervision of international observers, and a commission to review the constitution is set up by the parliament.
2. Details of the voter registration are settled later.
3. The mediator convenes the parties in Geneva.
4. Political prisoners are freed.`;
  const B = `1. Elections take place within six months of the signature.
2. Armed units leave the capital.
3. Heavy weapons are stored in depots under guard.
4. Foreign fighters leave the country.
5. Roads between the regions reopen.
6. Refugees may come back to their homes.
7. A fund for reconstruction is created.
8. Parliament sets up a constitutional review commission.
9. Trade links are restored.`;
  it('finds 1 → 1 + 8 and leaves the rest added or deleted', () => {
    expect(links(A, B)).toEqual([
      '1>1+8 split',
      '->2 added',
      '->3 added',
      '->4 added',
      '->5 added',
      '->6 added',
      '->7 added',
      '->9 added',
      '2>- deleted',
      '3>- deleted',
      '4>- deleted',
    ]);
  });
});

describe('a weak pair gives up its piece to a split that explains it better', () => {
  // Hand-written: point 1 of A is split into 1 and 8 of B; A's point 4 shares only a drafting word
  // ("the sides") with B's 8 and must not keep it.
  const A = `1. A humanitarian truce is declared from noon on 3 May 2021 so that the sides can exchange detainees and the remains of the dead, with the Red Crescent as intermediary.
2. The precise terms of the truce will be settled separately.
3. Under the auspices of the regional contact group the sides open talks on a lasting settlement.
4. The sides confirm that the format of the talks stays as it is.`;
  const B = `1. A full truce and an end to all military operations take effect at midnight on 3 June 2021.
2. The northern district is handed back by 20 June.
3. A monitoring mission of 1,500 observers deploys along the contact line.
4. The mission deploys as the armed units pull back.
5. A joint centre supervises the truce.
6. The eastern district is handed back by 15 July.
7. Displaced people return under the oversight of the refugee agency.
8. The sides exchange detainees, hostages and the remains of the dead.
9. Road and rail links across the region reopen.`;
  it('finds 1 → 1 + 8, and 4 deleted', () => {
    const got = links(A, B);
    expect(got).toContain('1>1+8 split');
    expect(got).toContain('4>- deleted');
    expect(got.filter((l) => l.endsWith('added'))).toEqual(['->2 added', '->3 added', '->4 added', '->5 added', '->6 added', '->7 added', '->9 added']);
  });
});
