/** Feed documents as publishers serve them: RSS 2.0 and Atom 1.0. */
export interface FeedEntry {
  id: string;
  time: number;
  title?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss2(entries: FeedEntry[], extra = ''): string {
  const items = entries
    .map(
      (e) => `    <item>
      <title>${esc(e.title ?? `Kettlebrew K2 review ${e.id}`)}</title>
      <link>https://blog.example/posts/${e.id}</link>
      <guid isPermaLink="false">${e.id}</guid>
      <pubDate>${new Date(e.time).toUTCString()}</pubDate>
      <author>editor@blog.example (Jo Editor)</author>
      <category>coffee</category>
      <description><![CDATA[<p>We tested the <b>Kettlebrew K2</b> for a month. See https://kettlebrew.example/k2</p>]]></description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Coffee Gear Blog</title>
    <link>https://blog.example/</link>
    <description>Reviews of coffee machines</description>
${items}
${extra}
  </channel>
</rss>`;
}

export function atom(entries: FeedEntry[]): string {
  const items = entries
    .map(
      (e) => `  <entry>
    <title>${esc(e.title ?? `Release ${e.id}`)}</title>
    <id>tag:kettlebrew.example,2026:${e.id}</id>
    <link rel="alternate" href="https://kettlebrew.example/news/${e.id}"/>
    <updated>${new Date(e.time).toISOString()}</updated>
    <published>${new Date(e.time).toISOString()}</published>
    <author><name>Kettlebrew</name><uri>https://kettlebrew.example</uri></author>
    <content type="html">&lt;p&gt;Firmware ${esc(e.id)} for the K2.&lt;/p&gt;</content>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kettlebrew news</title>
  <link href="https://kettlebrew.example/"/>
  <updated>2026-03-05T12:00:00Z</updated>
  <id>tag:kettlebrew.example,2026:news</id>
${items}
</feed>`;
}
