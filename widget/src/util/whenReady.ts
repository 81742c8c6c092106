/**
 * Uses a value that may still be on its way: a chunk fetched from the chat
 * server in the browser is a promise, the same module at hand in tests is
 * not, and then it is used at once (so tests need not wait).
 */
export const whenReady = <T>(value: T | Promise<T>, use: (value: T) => void, failed?: () => void): void =>
  value instanceof Promise ? void value.then(use, failed) : use(value);
