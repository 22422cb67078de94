/** Something a connector fetched but cannot produce: an item or a response it does not understand. */
export interface RejectedItem {
  /** Why, in words an operator understands ("status has no id", "response is not a Reddit listing"). */
  reason: string;
  /** What was received, as it was (an object or the response text). */
  payload: unknown;
  /** `<source>:<native id>` when known. */
  key?: string;
  /** Which stage rejected it (default `fetch`). */
  step?: string;
}
