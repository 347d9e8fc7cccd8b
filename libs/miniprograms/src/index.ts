export * from './miniprograms.service';
export * from './miniprograms.module';
export * from './sample-history';
