import { Tokenizer } from 'htmlparser2';

const LINK = /https?:\/\/[^\s<>"')\]]+/g;

/**
 * Elements that start a new line of text wherever they open or close, whatever the closing style (`<p>` left
 * open as Hacker News writes it, `</figcaption>`, `<hr/>`): the HTML block-level and list/table structure.
 */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
/** Blocks that separate paragraphs (a blank line), not just lines. */
const PARAGRAPH = new Set([
  'p',
  'blockquote',
  'pre',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
]);
/** Elements whose content is never text a person wrote for readers. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'svg', 'math']);
/** Table cells: a space between neighbours in a row. */
const CELL = new Set(['td', 'th']);

export interface Anchor {
  href: string;
  classes: string[];
  attribs: Record<string, string>;
}

export interface HtmlOptions {
  /** Called on every opening tag: `'skip'` leaves the element and everything in it out of text and links. */
  onElement?: (name: string, attribs: Record<string, string>) => 'skip' | void;
  /** Keep images as `[image: alt]` (`[image]` without alt), for platforms where an image can be the whole post. */
  images?: boolean;
}

export interface ParsedHtml {
  text: string;
  /** Every `<a href>` outside skipped elements, in document order. */
  anchors: Anchor[];
  images: { alt: string; src: string }[];
}

/** Elements that never have content or a closing tag. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

interface Open {
  name: string;
  skip: boolean;
  hidden: boolean;
}

/**
 * One linear pass over a platform's HTML fragment (Mastodon `content`, Stack Exchange `body`, feed summaries,
 * Discourse `cooked`, Hacker News comments): block elements become line breaks, paragraphs a blank line,
 * hidden elements go, entities are decoded, whitespace inside text collapses as a browser shows it (except in
 * `<pre>`).
 *
 * It drives htmlparser2's tokenizer with its own element stack: htmlparser2's `Parser` keeps open elements
 * with `unshift` and finds closing tags with `indexOf`, which is quadratic in the nesting depth (50,000
 * nested `<div>`s took seconds). Here opening is a push, and a closing tag pops only when an element of that
 * name is open (counted per name), so every element is pushed and popped once.
 */
export function parseHtml(html: string, options: HtmlOptions = {}): ParsedHtml {
  const out: string[] = [];
  const anchors: Anchor[] = [];
  const images: { alt: string; src: string }[] = [];
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  let skipped = 0;
  let hidden = 0;
  let pre = 0;
  // Text arrives in many small pieces (a run of "<" is one piece per character): it is gathered and its
  // whitespace collapsed once per element boundary; breaks between blocks are held as a level (0 none, 1 line,
  // 2 paragraph) until text follows. That keeps the pass linear and its output small.
  let pending = '';
  let brk = 0;
  const flush = () => {
    if (!pending) return;
    if (brk > 0) out.push(brk > 1 ? '\n\n' : '\n');
    brk = 0;
    out.push(pre > 0 ? pending : pending.replace(/[ \t\r\n\f]+/g, ' '));
    pending = '';
  };
  const lineBreak = (level: number) => {
    flush();
    brk = Math.min(2, Math.max(brk, level));
  };
  const visible = () => skipped === 0 && hidden === 0;

  const open = (name: string, attribs: Record<string, string>) => {
    const skip = visible() && options.onElement?.(name, attribs) === 'skip';
    const isHidden = HIDDEN.has(name);
    if (name === 'pre' || skip || isHidden) flush();
    if (visible() && !skip && !isHidden) {
      if (name === 'br') {
        flush(); // a break after text starts counting afresh: one <br> is a line, two a blank line
        lineBreak(brk + 1);
      } else if (BLOCK.has(name)) lineBreak(PARAGRAPH.has(name) ? 2 : 1);
      else if (CELL.has(name)) pending += ' ';
      if (name === 'a' && attribs.href !== undefined) {
        anchors.push({
          href: attribs.href,
          classes: (attribs.class ?? '').split(/\s+/).filter(Boolean),
          attribs,
        });
      }
      if (name === 'img') {
        const alt = (attribs.alt ?? '').trim();
        images.push({ alt, src: attribs.src ?? '' });
        if (options.images) pending += alt ? ` [image: ${alt}] ` : ' [image] ';
      }
    }
    if (VOID.has(name)) return;
    stack.push({ name, skip, hidden: isHidden });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (skip) skipped++;
    if (isHidden) hidden++;
    if (name === 'pre') pre++;
  };
  const pop = () => {
    const el = stack.pop()!;
    openCount.set(el.name, openCount.get(el.name)! - 1);
    if (visible() && BLOCK.has(el.name)) lineBreak(PARAGRAPH.has(el.name) ? 2 : 1);
    if (el.name === 'pre') {
      flush();
      pre--;
    }
    if (el.skip) skipped--;
    if (el.hidden) hidden--;
  };
  const close = (name: string) => {
    if (VOID.has(name)) {
      if (name === 'br') open('br', {}); // `</br>` is a line break in browsers
      return;
    }
    if (!openCount.get(name)) {
      if (name === 'p' && visible()) lineBreak(2); // `</p>` without `<p>`: still a paragraph's end
      return;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.name !== name) pop();
    pop();
  };

  let tagName = '';
  let attribs: Record<string, string> = {};
  let attribName = '';
  let attribValue = '';
  const tokenizer = new Tokenizer(
    { decodeEntities: true, recognizeSelfClosing: true },
    {
      ontext(start, end) {
        if (visible()) pending += html.slice(start, end);
      },
      ontextentity(codepoint) {
        if (visible()) pending += String.fromCodePoint(codepoint);
      },
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        attribs = {};
      },
      onattribname(start, end) {
        attribName = html.slice(start, end).toLowerCase();
        attribValue = '';
      },
      onattribdata(start, end) {
        attribValue += html.slice(start, end);
      },
      onattribentity(codepoint) {
        attribValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        if (!(attribName in attribs)) attribs[attribName] = attribValue;
      },
      onopentagend() {
        open(tagName, attribs);
      },
      onselfclosingtag() {
        open(tagName, attribs);
        if (!VOID.has(tagName)) close(tagName);
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase());
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  while (stack.length > 0) pop();
  flush();
  return { text: tidy(out.join('')), anchors, images };
}

/**
 * Spaces and tabs collapse to one, none at a line's start or end, at most one blank line in a row, no blank
 * edges. Line by line: patterns such as `[ \t]*\n` backtrack quadratically on long runs of spaces.
 */
function tidy(s: string): string {
  const out: string[] = [];
  let blank = 0;
  for (const line of s.split('\n')) {
    const text = line.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (!text) {
      blank++;
      continue;
    }
    if (out.length > 0) out.push(blank > 0 ? '\n\n' : '\n');
    out.push(text);
    blank = 0;
  }
  return out.join('');
}

/** Plain text of an HTML fragment (see `parseHtml`). */
export function htmlToText(html: string, options: HtmlOptions = {}): string {
  return parseHtml(html, options).text;
}

/** Bare `http(s)` URLs in plain text, in order. */
export function urlsIn(text: string): string[] {
  return text.match(LINK) ?? [];
}

/** Link targets of a parsed fragment (`href`) and bare URLs in its text, deduplicated, in order. */
export function linksOf(parsed: ParsedHtml, keep: (a: Anchor) => boolean = () => true): string[] {
  const hrefs = parsed.anchors.filter(keep).map((a) => a.href.trim());
  return [...new Set([...hrefs, ...urlsIn(parsed.text)].filter((u) => /^https?:\/\//i.test(u)))];
}

/** Link targets in an HTML fragment (`href`) and bare URLs in its text, deduplicated, in order. */
export function linksIn(html: string): string[] {
  return linksOf(parseHtml(html));
}
