/** A logger for bundling workflow code in a set-up: its warnings and errors only. */
export const quietLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => {},
};
