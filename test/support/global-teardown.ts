export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __avrrStops?: (() => Promise<void>)[] }).__avrrStops ?? [];
  for (const stop of stops) await stop();
}
