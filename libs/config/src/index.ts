export * from './auth.config';
export * from './api.config';
export * from './database.config';
export * from './mail.config';
export * from './payment.config';
export * from './temporal.config';
export * from './travel.config';
export * from './validate-config';
