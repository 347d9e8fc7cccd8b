export * from './ordering.service';
export * from './ordering.module';
export * from './sample-history';
