export * from './errors';
export * from './locale';
export * from './messages';
export * from './views';
export * from './functions';
export * from './webhook';
export * from './departments';
