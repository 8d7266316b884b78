export * from './activities.module';
export * from './create-activities';
export { Mailer } from './mail/mailer';
