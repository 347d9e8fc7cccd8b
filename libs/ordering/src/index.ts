export * from './ordering.service';
export * from './ordering.module';
