export * from './mail-catcher';
export * from './paths';
export * from './ports';
export * from './postgres';
export * from './sandboxes/travel-agency-sandbox';
export * from './temporal-cli';
export * from './temporal-dev-server';
export * from './sandboxes/payment-sandbox';
