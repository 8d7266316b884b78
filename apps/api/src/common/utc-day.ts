/** The UTC day (YYYY-MM-DD) of a time, however its offset is written: the day a flight leaves, say. */
export const utcDayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);
