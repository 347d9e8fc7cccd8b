export * from './catalog.service';
export * from './catalog.module';
export * from './platform-notices/platform-notices.projection';
