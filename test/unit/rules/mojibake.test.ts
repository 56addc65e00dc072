import * as assert from 'node:assert/strict';
import { findMojibake, findReplacementChars, repairMojibake } from '../../../src/core/encoding';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { testSite, type TestSite } from '../../util/site';

const CONFIG = 'title: The Daily Ledger\ntimezone: Europe/London\npermalink: /:categories/:year/:month/:day/:title:output_ext\n';
const POST = '_posts/2025-08-19-starmer-hails-breakthrough.md';

function mojibakeOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.code === 'mojibake');
}

describe('rule mojibake', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite({ '_config.yml': CONFIG, [POST]: SEED });
  });

  it('flags `â€™` in the seed post on its exact range', () => {
    const p = only(site.check(POST), 'mojibake');
    assert.equal(p.severity, 'warning');
    assert.equal(textAt(SEED, p), 'â€™');
    assert.deepEqual(p.range, { start: { line: 11, character: 4 }, end: { line: 11, character: 7 } });
    assert.match(p.message, /`â€™` is `’` saved in the wrong encoding/);
    assert.match(p.message, /Jekyll publishes it as is/);
  });

  it("repairs it to `Here’s` as the preferred fix, the rest of the file byte-identical", () => {
    const p = only(site.check(POST), 'mojibake');
    assert.equal(p.fixes.length, 1, 'no "repair all" for a single span');
    assert.equal(p.fixes[0]!.preferred, true);
    const fixed = applyFix(SEED, p.fixes[0]!);
    assert.equal(fixed, SEED.replace('Hereâ€™s', 'Here’s'));
    assert.deepEqual(mojibakeOf(site.check(POST, fixed)), []);
  });

  it('offers "repair all" when the file has several spans, and each span its own repair', () => {
    const text = '---\ntitle: "CafÃ© society"\n---\nâ€œQuotedâ€\u009d â€” Ã¼ber Â\u00a0cool â€¦ and voilÃ\u00a0.\n';
    const ps = mojibakeOf(site.check(POST, text));
    assert.deepEqual(ps.map((p) => textAt(text, p)), ['Ã©', 'â€œ', 'â€\u009d', 'â€”', 'Ã¼', 'Â\u00a0', 'â€¦', 'Ã\u00a0']);
    const expected = '---\ntitle: "Café society"\n---\n“Quoted” — über \u00a0cool … and voilà.\n';
    for (const p of ps) {
      assert.equal(p.fixes.length, 2);
      assert.equal(applyFix(text, p.fixes[1]!), expected);
    }
    assert.equal(applyFix(text, ps[1]!.fixes[0]!), text.replace('â€œ', '“'));
    assert.equal(applyFix(text, ps[0]!.fixes[0]!), text.replace('CafÃ©', 'Café'));
    assert.deepEqual(mojibakeOf(site.check(POST, expected)), []);
  });

  it('repairs the seed with CRLF line endings and a BOM on the exact range', () => {
    const text = '\uFEFF' + SEED.replace(/\n/g, '\r\n');
    const p = only(site.check(POST, text), 'mojibake');
    assert.deepEqual(p.range, { start: { line: 11, character: 4 }, end: { line: 11, character: 7 } });
    assert.equal(applyFix(text.slice(1), p.fixes[0]!), text.slice(1).replace('Hereâ€™s', 'Here’s'));
  });

  it('reports a U+FFFD that is really in the file, without a fix', () => {
    const text = '---\ntitle: x\n---\nA caf\uFFFD and \uFFFD\uFFFD.\n';
    const ps = mojibakeOf(site.check(POST, text));
    assert.deepEqual(ps.map((p) => textAt(text, p)), ['\uFFFD', '\uFFFD\uFFFD']);
    assert.deepEqual(ps.map((p) => p.fixes.length), [0, 0]);
    assert.match(ps[0]!.message, /U\+FFFD/);
  });

  it('leaves U+FFFD to invalid-utf8 when the reader put them there', () => {
    const text = '---\ntitle: x\n---\nA caf\uFFFD.\n';
    assert.deepEqual(mojibakeOf(site.check(POST, text, { invalidUtf8: true })), []);
  });

  it('is silent on the seed once repaired and on legitimate text', () => {
    const good = [
      'Here’s “quoted” — dashes – and … ellipses; café, naïve, über, Grüße, São Paulo, JOÃO, IRMÃ E',
      'Â alone, Ã alone, CAFÉ” and OLÉ… in capitals, ‘Å’ the river, « café\u00a0» in French, été\u00a0»',
      'Ελληνικά, русский текст, 日本語のテキスト, 한국어, עברית, العربية, emoji 🎉 and ©®™ £5 €5 ½ ° ±',
      'Øresund, Ærø, Þingvellir, ßtraße, Łódź, Čeština, Ŕ, ×÷',
    ].join('\n');
    const text = '---\ntitle: Fine\n---\n' + good + '\n';
    assert.deepEqual(mojibakeOf(site.check(POST, text)), []);
    assert.deepEqual(findMojibake(good), []);
  });
});

/** Invisible characters (C1 controls, no-break space) spelled out in test titles. */
function show(s: string): string {
  return s.replace(/[\u0080-\u00a0]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('encoding helpers', () => {
  const cases: Array<[string, string]> = [
    ['â€™', '’'],
    ['â€œ', '“'],
    ['â€\u009d', '”'],
    ['â€“', '–'],
    ['â€”', '—'],
    ['â€¦', '…'],
    ['Ã©', 'é'],
    ['Ã¨', 'è'],
    ['Ã¼', 'ü'],
    ['Â\u00a0', '\u00a0'],
    ['Ã‰', 'É'],
    ['Å“', 'œ'],
    ['Ã\u0081', 'Á'], // an undefined Windows-1252 byte (0x81), decoded as its C1 code point
    ['Ã\u008d', 'Í'],
    ['Ã\u0093', 'Ó'], // Latin-1 decoding (C1 controls) rather than Windows-1252
    ['Ã¢â‚¬â„¢', '’'], // damaged twice
    ['Ã°Å¸Å½â€°', '🎉'],
    ['ðŸŽ‰', '🎉'],
    ['Ð¿Ñ€Ð¸Ð²ÐµÑ‚', 'привет'],
    ['æ—¥æœ¬', '日本'],
  ];
  for (const [bad, good] of cases) {
    it(`repairs ${show(bad)} → ${show(good)}`, () => {
      assert.equal(repairMojibake(`x ${bad} y`), `x ${good} y`);
      const spans = findMojibake(`x ${bad} y`);
      assert.deepEqual(spans, [{ start: 2, end: 2 + bad.length, repaired: good }]);
    });
  }

  it('repairs `â€` whose last byte was lost, or became U+FFFD', () => {
    assert.equal(repairMojibake('said â€ then'), 'said ” then');
    assert.deepEqual(findMojibake('said â€\uFFFD then'), [{ start: 5, end: 8, repaired: '”' }]);
    assert.deepEqual(findReplacementChars('said â€\uFFFD then'), []);
  });

  it('removes a byte-order mark that was damaged (`ï»¿`)', () => {
    assert.deepEqual(findMojibake('ï»¿---\n'), [{ start: 0, end: 3, repaired: '' }]);
  });

  it('finds damage next to legitimate characters only when it is telling (three bytes)', () => {
    assert.equal(repairMojibake('’â€™s'), '’’s');
    assert.equal(repairMojibake('‘Å’'), undefined);
  });

  it('finds runs of U+FFFD', () => {
    assert.deepEqual(findReplacementChars('a\uFFFDb\uFFFD\uFFFD'), [
      { start: 1, end: 2 },
      { start: 3, end: 5 },
    ]);
  });

  it('finds the one damaged word in 1 MB of clean prose (the bench times it)', () => {
    const para = 'Here’s a café — “quoted” text, naïve… « été\u00a0» ÀÉÎ ×÷ ';
    const big = para.repeat(Math.ceil(1_000_000 / para.length)) + 'Hereâ€™s';
    assert.deepEqual(findMojibake(big), [{ start: big.length - 4, end: big.length - 1, repaired: '’' }]);
  });
});

/** ../shared/seed/2025-08-19-starmer-hails-breakthrough.md, byte for byte (tests must not read ../shared). */
const SEED = [
  "---",
  "layout: post",
  "title: \"Breaking: Starmer hails breakthrough on Ukraine - but anxiety over its future remains\"",
  "date: 2025-08-19T14:46:44",
  "author: \"badely\"",
  "categories: [News]",
  "tags: []",
  "excerpt: \"Donald Trump's commitment to Ukraine's security is key to a lasting peace, the UK prime minister says.\"",
  "image: assets/images/9a9bfbca30b9321546e9420099322351.jpg",
  "---",
  "",
  "Hereâ€™s what you need to know: Sir Keir Starmer has called US President Donald Trump's commitment to security guarantees for Ukraine a breakthrough, as he hailed the movement towards a meeting between Volodymyr Zelensky and Vladimir Putin.",
  "",
  "The prime minister joined the leaders' summit at the White House on Monday, having cut short his family holiday in Scotland. From what Sir Keir said overnight, it seems he believes that small sacrifice was well worth it.",
  "",
  "He co-chaired a virtual meeting of European and Commonwealth allies, the coalition of the willing, on Tuesday to update leaders and to discuss next steps.",
  "",
  "Following the meeting, a Downing Street spokesperson said the prime minister had outlined plans for the coalition and US counterparts to meet in the coming days to prepare for the deployment of a \"reassurance force\" if hostilities were to end.",
  "",
  "The leaders also discussed how further pressure could be placed on Putin, including through sanctions. ",
  "",
  "Separately, Trump told Fox News that Ukraine was \"not going to be a part of Nato\", the military treaty of western nations, but suggested that European troops would be in Ukraine to deter any future Russian attack.",
  "",
  "\"Some of them, France and Germany, a couple of them, the UK - they are going to have boots on the ground,\" he said. ",
  "",
  "Sir Keir has long been a proponent of so-called gratitude diplomacy - thanking and praising Trump - so he was hardly likely to be critical about the outcomes.",
  "",
  "And while anxiety in UK government circles about Ukraine's future remains, the prime minister seems happy with what he argues is significant progress.",
  "",
  "He told the BBC after the White House summit that it \"has shown that we have moved forward\".",
  "",
  "Behind the scenes, European officials had worried the White House meeting was fraught with risk.",
  "",
  "One told me they felt there was a danger of President Trump sensing President Zelensky was not committed to a US-led peace process, concluding that European leaders were digging in behind the Ukrainians, and making his frustration clear on camera.",
  "",
  "Such division would have been a gift to Moscow so all the leaders involved were at pains to make clear that was not their approach.",
  "",
  "Before he left Washington, Sir Keir said there was \"a real sense of unity\" between them.",
  "",
  "The prime minister told the BBC he was \"very pleased\" with the outcomes, including progress on security guarantees, saying this would \"reassure people in Europe, in Ukraine, but particularly in the United Kingdom\". ",
  "",
  "He also welcomed the \"real movement forward\" on bilateral and trilateral meetings between Russia, Ukraine and the US, saying this would help achieve a \"peace that is lasting and just\".",
  "",
  "Ukraine and Europe's leaders have clearly decided together to go all in on Trump's peace plans.",
  "",
  "The assessment of diplomats from various countries involved is that if the process ultimately fails, they will not have contributed to that failure.",
  "",
  "The UK government now seems focused on ensuring Ukraine is in the strongest possible position for any possible peace negotiations.",
  "",
  "From my conversations with UK officials, they believe Monday's White House meeting was helpful in this effort on two points.",
  "",
  "Firstly, Trump did not echo Putin's demands for Ukrainian territory and put Zelensky on the spot on what is a sensitive and emotive issue - at least in front of the cameras.",
  "",
  "There now seems to be an unspoken acceptance in the White House that Ukraine will need to move carefully and slowly on any discussions over land. No 10 has repeatedly said that questions of territory are a matter for Ukraine, and Ukraine alone.",
  "",
  "\"No decision should be made about Ukraine without Ukraine,\" the prime minister stressed after Monday's talks.",
  "",
  "Secondly, flexibility is important in any negotiation. UK officials argue that Trump's commitment to US involvement in \"cast iron\" security guarantees means Zelensky can now be far more flexible in his approach knowing that Ukraine will be protected by its allies.",
  "",
  "Prospects of a pre-negotiation ceasefire seem to have been junked. Trump has dismissed the need for ceasefire and wants to move directly to agreeing peace terms.",
  "",
  "The importance of having a ceasefire was mentioned in the White House talks by the German Chancellor Friedrich Merz and French President Emmanuel Macron.",
  "",
  "The UK's assessment is that a ceasefire was never a central aim of the US administration and therefore Sir Keir should not risk being what one source called a \"lone point of tension\" on the issue.",
  "",
  "The prime minister has returned to the UK, but military officials - including the chief of defence staff Admiral Sir Tony Radakin - are travelling in the opposite direction ahead of detailed discussions about US involvement in security guarantees.",
  "",
  "From the outset, Sir Keir has said any deal would require a strong US \"backstop\".",
  "",
  "Trump has yet to provide much detail on what US forces might offer, but European leaders seem content to take his public commitment as important progress.",
  "",
  "The major unknown is what Moscow will do next.",
  "",
  "One involved argues Putin could retreat from the pathway towards peace that has been created for him. If he does so they are hoping the US sides with Europe and not Russia.",
  "",
  "",
].join("\n");
