export * from './activities';
export * from './durations';
export * from './errors';
export * from './partners';
export * from './policy';
export * from './return-workflow';
export * from './search-attributes';
export * from './task-queues';
