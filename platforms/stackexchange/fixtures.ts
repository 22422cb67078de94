/** Stack Exchange API 2.3 objects (filter `withbody`): question, answer and the common wrapper. */
const owner = (id: number, name: string, reputation: number) => ({
  account_id: id * 10,
  reputation,
  user_id: id,
  user_type: 'registered',
  profile_image: 'https://www.gravatar.com/avatar/x?s=256&d=identicon&r=PG',
  display_name: name,
  link: `https://coffee.stackexchange.com/users/${id}/${name.toLowerCase()}`,
});

export function seQuestion(id: number, createdMs: number, extra: Record<string, unknown> = {}) {
  const created = Math.floor(createdMs / 1000);
  return {
    tags: ['kettlebrew', 'descaling'],
    owner: owner(501, 'Barista', 1234),
    is_answered: false,
    view_count: 31,
    answer_count: 1,
    score: 2,
    last_activity_date: created,
    creation_date: created,
    question_id: id,
    content_license: 'CC BY-SA 4.0',
    link: `https://coffee.stackexchange.com/questions/${id}/kettlebrew-k2-descale`,
    title: 'Why does the Kettlebrew K2 ask to descale every week?',
    body: '<p>My <strong>Kettlebrew K2</strong> asks to descale every week &amp; I use filtered water.</p>',
    ...extra,
  };
}

export function seAnswer(
  id: number,
  questionId: number,
  createdMs: number,
  extra: Record<string, unknown> = {},
) {
  const created = Math.floor(createdMs / 1000);
  return {
    owner: owner(777, 'Kettlebrew Support', 80),
    is_accepted: true,
    score: 5,
    last_activity_date: created,
    creation_date: created,
    answer_id: id,
    question_id: questionId,
    content_license: 'CC BY-SA 4.0',
    body: '<p>The sensor counts litres, not hardness. Update to firmware 2.3.</p>',
    ...extra,
  };
}

export function seWrapper(items: unknown[], hasMore: boolean, extra: Record<string, unknown> = {}) {
  return { items, has_more: hasMore, quota_max: 300, quota_remaining: 287, ...extra };
}
