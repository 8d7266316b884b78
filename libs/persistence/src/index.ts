export * from './case-records';
export * from './data-source-options';
export * from './entities';
export * from './partner-directory';
export * from './persistence.module';
export * from './programme-policies';
export { MIGRATIONS } from './migrations';
export * from './reintegration-budget';
