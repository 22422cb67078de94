/** The post id and raw-topic message key of a simulated item; author ids take the same form. */
export const simulatorKey = (nativeId: string) => `simulator:${nativeId}`;
