export * from './events';
export * from './schema';
export * from './validateEvent';
export * from './preview';
export * from './jsonl';
export * from './eventBatch';
export * from './host';
export * from './webview';
