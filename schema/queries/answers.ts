/**
 * The brand's first reply to each customer post it answered, as a subquery to join `USING (brand, post_id)`:
 * columns `brand, post_id, replied_at` (an unanswered post joins `replied_at` 0). `where` narrows the replies
 * read (brand, time range): SQL already bound with `sql`, ANDed with the reply conditions. Shared by the care
 * figures, the unanswered lists (CLI, dashboard) and the response-rate alert series.
 */
export function firstAnswers(where?: string): string {
  const narrowed = where ? `${where} AND ` : '';
  return `(SELECT brand, reply_to_post_id AS post_id, min(created_at) AS replied_at FROM mentions FINAL WHERE ${narrowed}direction = 'brand_to_customer' AND reply_to_post_id != '' GROUP BY brand, post_id) AS answers`;
}
