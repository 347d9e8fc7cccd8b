export * from './miniprograms.service';
export * from './miniprograms.module';
