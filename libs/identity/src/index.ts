export * from './identity.service';
export * from './identity.module';
export * from './identity.config';
export * from './identity.tokens';
export * from './accounts/account-claims';
export * from './credentials/password-hasher';
export * from './staff/add-staff-member';
