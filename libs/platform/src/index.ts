export * from './errors/app-error';
export * from './config/config';
export * from './logging/logger';
export * from './pagination/cursor';
export * from './auth/access-token';
export * from './blobs/blob-store';
export * from './records/own';
export * from './images/image-check';
