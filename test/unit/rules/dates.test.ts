import * as assert from 'node:assert/strict';
import { applyFix, only, textAt } from '../../util/edits';
import { testSite } from '../../util/site';

const LONDON = 'timezone: Europe/London\n';
const SEED_FM = '---\nlayout: post\ntitle: "Breaking: Starmer hails breakthrough"\ndate: 2025-08-19T14:46:44\nauthor: "badely"\ncategories: [News]\n---\nBody\n';

describe('rule date-without-offset', () => {
  it('flags the seed post date, read as UTC, and appends +0100 (Europe/London in August)', async () => {
    const s = await testSite({ '_config.yml': LONDON, '_posts/2025-08-19-starmer.md': SEED_FM });
    const p = only(s.check('_posts/2025-08-19-starmer.md'), 'date-without-offset');
    assert.equal(textAt(SEED_FM, p), '2025-08-19T14:46:44');
    assert.match(p.message, /2025-08-19 15:46:44 \+0100/);
    assert.equal(p.fixes[0]!.preferred, true);
    const fixed = applyFix(SEED_FM, p.fixes[0]!);
    assert.equal(fixed, SEED_FM.replace('date: 2025-08-19T14:46:44', 'date: 2025-08-19T14:46:44 +0100'));
    assert.deepEqual(s.check('_posts/2025-08-19-starmer.md', fixed).filter((q) => q.code === 'date-without-offset'), []);
    const utc = applyFix(SEED_FM, p.fixes[1]!);
    assert.equal(utc, SEED_FM.replace('2025-08-19T14:46:44', '2025-08-19T14:46:44 +0000'));
  });
  it('uses the offset in force on that date (GMT in winter: no warning, the readings agree)', async () => {
    const text = '---\ndate: 2025-01-19 14:46:44\n---\n';
    const s = await testSite({ '_config.yml': LONDON, '_posts/2025-01-19-x.md': text });
    assert.deepEqual(s.check('_posts/2025-01-19-x.md').filter((q) => q.code === 'date-without-offset'), []);
  });
  it('is silent on quoted dates, dates with an offset, date-only values and sites without timezone', async () => {
    const s = await testSite({
      '_config.yml': LONDON,
      '_posts/2025-08-19-a.md': '---\ndate: "2025-08-19 14:46:44"\n---\n',
      '_posts/2025-08-19-b.md': '---\ndate: 2025-08-19 14:46:44 +0100\n---\n',
      '_posts/2025-08-19-c.md': '---\ndate: 2025-08-19\n---\n',
    });
    for (const f of ['a', 'b', 'c']) assert.deepEqual(s.check(`_posts/2025-08-19-${f}.md`).filter((q) => q.code === 'date-without-offset'), []);
    const noTz = await testSite({ '_config.yml': 'title: x\n', '_posts/2025-08-19-s.md': SEED_FM });
    assert.deepEqual(noTz.check('_posts/2025-08-19-s.md').filter((q) => q.code === 'date-without-offset'), []);
  });
  it('writes the New York offset in summer', async () => {
    const text = '---\ndate: 2025-07-04T09:00:00\n---\n';
    const s = await testSite({ '_config.yml': 'timezone: America/New_York\n', '_posts/2025-07-04-x.md': text });
    const p = only(s.check('_posts/2025-07-04-x.md'), 'date-without-offset');
    assert.equal(applyFix(text, p.fixes[0]!), '---\ndate: 2025-07-04T09:00:00 -0400\n---\n');
  });
});

describe('rule invalid-date', () => {
  it('flags a date Time.parse rejects and offers the file name date with its offset', async () => {
    const text = '---\ntitle: X\ndate: yesterday\n---\n';
    const s = await testSite({ '_config.yml': LONDON, '_posts/2025-07-02-x.md': text });
    const p = only(s.check('_posts/2025-07-02-x.md'), 'invalid-date');
    assert.equal(textAt(text, p), 'yesterday');
    assert.match(p.message, /stops the whole build/);
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, '---\ntitle: X\ndate: 2025-07-02 00:00:00 +0100\n---\n');
    assert.deepEqual(s.check('_posts/2025-07-02-x.md', fixed).filter((q) => q.code === 'invalid-date'), []);
  });
  it('flags an empty date: too', async () => {
    const text = '---\ndate:\n---\n';
    const s = await testSite({ '_config.yml': LONDON, '_posts/2025-07-02-x.md': text });
    const fixed = applyFix(text, only(s.check('_posts/2025-07-02-x.md'), 'invalid-date').fixes[0]!);
    assert.equal(fixed, '---\ndate: 2025-07-02 00:00:00 +0100\n---\n');
  });
  it('accepts what Ruby accepts (August 13, 2020; trailing junk)', async () => {
    const s = await testSite({ '_config.yml': LONDON, '_posts/2020-08-13-a.md': '---\ndate: August 13, 2020\n---\n', '_posts/2016-07-19-b.md': '---\ndate: 2016-07-19 (optional)\n---\n' });
    assert.deepEqual(s.check('_posts/2020-08-13-a.md').filter((q) => q.code === 'invalid-date'), []);
    assert.deepEqual(s.check('_posts/2016-07-19-b.md').filter((q) => q.code === 'invalid-date'), []);
  });
});

describe('rule date-filename-mismatch', () => {
  const text = '---\ntitle: Energy bills rise\ndate: 2025-04-16 08:00:00 +0100\n---\n';
  it('flags a front-matter day other than the file name day, with both fixes', async () => {
    const s = await testSite({ '_config.yml': LONDON, '_posts/2025-04-17-energy.md': text });
    const p = only(s.check('_posts/2025-04-17-energy.md'), 'date-filename-mismatch');
    assert.equal(textAt(text, p), '2025-04-16 08:00:00 +0100');
    assert.deepEqual(p.fixes[0]!.rename, { from: '/site/_posts/2025-04-17-energy.md', to: '/site/_posts/2025-04-16-energy.md' });
    const fixed = applyFix(text, p.fixes[1]!);
    assert.equal(fixed, text.replace('2025-04-16 08:00', '2025-04-17 08:00'));
    assert.deepEqual(s.check('_posts/2025-04-17-energy.md', fixed).filter((q) => q.code === 'date-filename-mismatch'), []);
  });
  it('compares days in the site zone (23:30 UTC is the next day in London in summer)', async () => {
    const s = await testSite({ '_config.yml': LONDON, '_posts/2025-08-19-x.md': '---\ndate: 2025-08-19 23:30:00 +0000\n---\n' });
    assert.match(only(s.check('_posts/2025-08-19-x.md'), 'date-filename-mismatch').message, /2025-08-20/);
  });
});

describe('rule date-rolls-over', () => {
  it('flags 2025-02-30 and writes the date Jekyll uses', async () => {
    const text = '---\ndate: 2025-02-30 07:00\n---\n';
    const s = await testSite({ '_config.yml': LONDON, '_posts/2025-03-02-x.md': text });
    const p = only(s.check('_posts/2025-03-02-x.md'), 'date-rolls-over');
    assert.equal(textAt(text, p), '2025-02-30 07:00');
    assert.match(p.message, /2025-03-02/);
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, '---\ndate: 2025-03-02 07:00\n---\n');
    assert.deepEqual(s.check('_posts/2025-03-02-x.md', fixed).filter((q) => q.code === 'date-rolls-over'), []);
  });
  it('knows leap years', async () => {
    const s = await testSite({ '_config.yml': LONDON, '_posts/2024-02-29-x.md': '---\ndate: 2024-02-29\n---\n' });
    assert.deepEqual(s.check('_posts/2024-02-29-x.md').filter((q) => q.code === 'date-rolls-over'), []);
  });
});

describe('rule future-date', () => {
  it('flags a post dated after now unless the site sets future: true', async () => {
    const text = '---\ndate: 2030-06-08\n---\n';
    const s = await testSite({ '_config.yml': LONDON, '_posts/2030-06-08-x.md': text });
    const p = only(s.check('_posts/2030-06-08-x.md'), 'future-date');
    assert.equal(textAt(text, p), '2030-06-08');
    assert.match(p.message, /2030-06-08 00:00:00 \+0100/);
    const future = await testSite({ '_config.yml': LONDON + 'future: true\n', '_posts/2030-06-08-x.md': text });
    assert.deepEqual(future.check('_posts/2030-06-08-x.md').filter((q) => q.code === 'future-date'), []);
  });
});
