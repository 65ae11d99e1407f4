export * from './events';
export * from './schema';
export * from './validateEvent';
export * from './preview';
export * from './jsonl';
export * from './eventColumns';
export * from './host';
export * from './webview';
