import { describe, expect, it } from 'vitest';
import { blocksApart, EVERY_BLOCK_HTML } from './contract/real-variation.ts';
import { htmlToText, linksIn, parseHtml } from './html.ts';

describe('htmlToText', () => {
  it('breaks the line at every block element, whatever the closing style', () => {
    const text = htmlToText(EVERY_BLOCK_HTML);
    expect(blocksApart(text)).toEqual([]);
    // Hacker News separates paragraphs with a bare <p>; feeds close figures and headings.
    expect(htmlToText('the ecosystem.<p>We had three')).toBe('the ecosystem.\n\nWe had three');
    expect(htmlToText('<figure><img src="x.jpg"><figcaption>A shot.</figcaption></figure>Tip 4')).toBe(
      'A shot.\n\nTip 4',
    );
    expect(htmlToText('<h3>Intro</h3>Body<div>Next</div>')).toBe('Intro\n\nBody\nNext');
  });

  it('decodes entities once, drops scripts and styles, collapses whitespace except in <pre>', () => {
    expect(htmlToText('Fish &amp; chips &#3232; &lt;b&gt;')).toBe('Fish & chips ಠ <b>');
    expect(htmlToText('<style>p{}</style><script>alert(1)</script>a\n   b')).toBe('a b');
    expect(htmlToText('<pre>x\ny</pre>')).toBe('x\ny');
    expect(htmlToText('one<br>two<br><br>three')).toBe('one\ntwo\n\nthree');
  });

  // Generous bounds for a loaded machine; the quadratic versions took seconds to minutes on these inputs.
  it.each([
    ['200 KiB of "<" (98 KiB took 8.6 s with the tag-stripping pattern)', '<'.repeat(200 * 1024)],
    ['70,000 unclosed "<a "', '<a '.repeat(70_000)],
    [
      '50,000 nested <div>s (htmlparser2 Parser: quadratic stack)',
      `${'<div>'.repeat(50_000)}deep${'</div>'.repeat(50_000)}`,
    ],
    ['50,000 closing tags of nothing open', `${'<div>'.repeat(50_000)}${'</span>'.repeat(50_000)}`],
    ['300,000 spaces in <pre>', `<pre>${' '.repeat(300_000)}x</pre>`],
  ])('is linear: %s', (_name, html) => {
    const started = performance.now();
    htmlToText(html);
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('keeps the text of unclosed and misnested markup', () => {
    expect(htmlToText('<div>'.repeat(1000) + 'deep')).toBe('deep');
    expect(htmlToText('<b><i>bold italic</b> plain</i> <p>para')).toBe('bold italic plain\n\npara');
    expect(htmlToText('a</p>b</br>c')).toBe('a\n\nb\nc');
    expect(htmlToText('<a href="x" href="y">t</a>')).toBe('t');
  });

  it('lists hrefs and bare URLs once, and reports anchors with their classes', () => {
    const html = '<a href="https://a.example/x?p=1&amp;q=2">a</a> see https://b.example/y.';
    expect(linksIn(html)).toEqual(['https://a.example/x?p=1&q=2', 'https://b.example/y.']);
    const parsed = parseHtml('<a class="u-url mention" href="https://m.example/@bob">@bob</a>');
    expect(parsed.anchors[0]!.classes).toEqual(['u-url', 'mention']);
  });
});
